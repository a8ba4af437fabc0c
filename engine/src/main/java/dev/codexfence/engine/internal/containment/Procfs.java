package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What Linux's {@code /proc} says about processes: which exist, whether one is still running, its process
 * group and start time, and whether its initial environment holds an entry. Everything here reads files only
 * (no process is started); a process that goes away while it is being read simply is not there.
 */
@API(status = INTERNAL, since = "0.1")
public final class Procfs {

    private static final Path PROC = Path.of("/proc");

    private Procfs() {}

    /** Whether this host has a Linux-style /proc. */
    public static boolean available() {
        return Files.isRegularFile(PROC.resolve("self/stat"));
    }

    /** The ids of all processes, as /proc lists them now. */
    public static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, Procfs::isPidDirectory)) {
            for (Path d : dirs) {
                pids.add(Long.parseLong(d.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no processes to report
        }
        return pids;
    }

    private static boolean isPidDirectory(Path d) {
        String n = d.getFileName().toString();
        if (n.isEmpty() || n.length() > 18) {
            return false;
        }
        for (int i = 0; i < n.length(); i++) {
            if (!Character.isDigit(n.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The stat line of process {@code pid} (its main thread), or empty when it is gone. */
    public static Optional<TaskStat> stat(long pid) {
        return read(PROC.resolve(pid + "/stat")).flatMap(TaskStat::parse);
    }

    /**
     * Whether process {@code pid} can still run code: at least one of its threads is neither a zombie nor in
     * the kernel's exit path. A zombie whose parent has not reaped it yet is not running, and neither is a
     * process the kernel is tearing down; a thread-group leader that exited while its other threads go on is.
     */
    public static boolean running(long pid) {
        Path tasks = PROC.resolve(pid + "/task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks, Procfs::isPidDirectory)) {
            for (Path t : threads) {
                if (read(t.resolve("stat"))
                        .flatMap(TaskStat::parse)
                        .map(TaskStat::running)
                        .orElse(false)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // gone
        }
    }

    /** The process (thread group) thread {@code tid} belongs to, or 0 when it is gone. */
    public static long threadGroup(long tid) {
        Optional<String> status = read(PROC.resolve(tid + "/status"));
        if (status.isEmpty()) {
            return 0;
        }
        for (String line : status.get().split("\n")) {
            if (line.startsWith("Tgid:")) {
                try {
                    return Long.parseLong(line.substring(5).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * Whether the environment process {@code pid} was started with holds exactly {@code entry}
     * ({@code NAME=value}). False when it is gone or its environment cannot be read (another user's process).
     */
    public static boolean environmentHolds(long pid, String entry) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(pid + "/environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        byte[] want = entry.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == want.length && java.util.Arrays.equals(env, start, i, want, 0, want.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
