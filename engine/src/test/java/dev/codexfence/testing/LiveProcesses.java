package dev.codexfence.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The processes alive on this machine with their whole command line as the kernel holds it. Unlike
 * {@link ProcessHandle.Info#commandLine()}, which puts the executable's path in place of argv[0], this keeps
 * argv[0], where {@code exec -a NAME} puts a daemon's name (the fault fixtures name their daemons that way).
 * Zombies are not alive.
 */
public final class LiveProcesses {

    private LiveProcesses() {}

    /** Command lines (arguments joined by spaces) of the live processes that {@code match} accepts. */
    public static List<String> matching(Predicate<String> match) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(LiveProcesses::commandLine)
                .filter(c -> !c.isEmpty() && match.test(c))
                .toList();
    }

    /** The live processes whose command line {@code match} accepts (to kill them in a test's clean-up). */
    public static List<ProcessHandle> handles(Predicate<String> match) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> {
                    String c = commandLine(h);
                    return !c.isEmpty() && match.test(c);
                })
                .toList();
    }

    /** One process's command line with argv[0]; empty for a zombie. */
    static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        try {
            String state = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
            String s = state.substring(state.lastIndexOf(')') + 2);
            if (s.startsWith("Z") || s.startsWith("X")) {
                return "";
            }
            byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            // no /proc (macOS), or the process went away meanwhile
            return p.info().commandLine().orElse("");
        }
    }
}
