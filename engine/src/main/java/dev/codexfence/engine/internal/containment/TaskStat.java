package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The fields of one line of Linux {@code /proc/PID/stat} (or {@code /proc/PID/task/TID/stat}) that containment
 * needs. The command name in parentheses may hold spaces and parentheses, so the fields are read after the
 * last {@code ')'}.
 *
 * @param state one letter: R, S, D, T, t, Z (zombie), X (dead), …
 * @param processGroup the process group id
 * @param flags the kernel's task flags ({@code PF_*})
 * @param startTicks when the task started, in clock ticks after boot
 */
@API(status = INTERNAL, since = "0.1")
public record TaskStat(char state, long processGroup, long flags, long startTicks) {

    /** The kernel sets this flag when a task enters exit(): from then on it runs no user code again. */
    static final long PF_EXITING = 0x4;

    /** The parsed line, or empty when it is not a stat line. */
    public static Optional<TaskStat> parse(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        // after ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime
        // cstime priority nice num_threads itrealvalue starttime ... (fields 0..19 here); read by hand, the scan
        // of /proc runs after every probe run
        String[] f = new String[20];
        int n = 0;
        int i = close + 1;
        int len = line.length();
        while (n < f.length) {
            while (i < len && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < len && line.charAt(i) != ' ' && line.charAt(i) != '\n') {
                i++;
            }
            if (start == i) {
                return Optional.empty();
            }
            f[n++] = line.substring(start, i);
        }
        if (f[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TaskStat(
                    f[0].charAt(0), Long.parseLong(f[2]), Long.parseUnsignedLong(f[6]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this task can still run code of its own: not a zombie, not dead, and not already in the kernel's
     * exit path (a task in exit may still show R or D for a few milliseconds while the kernel tears it down).
     */
    public boolean running() {
        return state != 'Z' && state != 'X' && (flags & PF_EXITING) == 0;
    }
}
