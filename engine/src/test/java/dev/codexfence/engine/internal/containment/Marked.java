package dev.codexfence.engine.internal.containment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Processes found by a marker in their command line (a daemon names itself with {@code exec -a}). */
final class Marked {

    private Marked() {}

    /**
     * The running processes whose /proc/PID/cmdline holds {@code marker} (read there: ProcessHandle.Info builds
     * its command line from the executable's path, without argv[0], which is where {@code exec -a} puts a name).
     */
    static List<Long> processes(String marker) {
        return Procfs.pids().stream()
                .filter(pid -> cmdline(pid).contains(marker))
                .filter(Procfs::running)
                .toList();
    }

    /**
     * The processes named {@code marker}, once there is at least one (bounded): a daemon that has just closed
     * its stdout may still be in the middle of exec'ing under its name, when /proc shows no command line.
     */
    static List<Long> awaitProcesses(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<Long> found = processes(marker);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            found = processes(marker);
        }
        return found;
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills what a failed test may have left. */
    static void killAll(String marker) {
        processes(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /**
     * A bash script that double-forks a daemon in a session of its own, named {@code marker}, with
     * {@code envPrefix} before bash (e.g. {@code env -i}), and prints the daemon's pid. The script itself prints
     * it, after the daemon closed its end: a daemon writing to the run's stdout after the run exited would race
     * with Java, which closes a finished process's pipes (the daemon would die of SIGPIPE).
     */
    static String daemonScript(String marker, String envPrefix) {
        return "pid=$( ( setsid " + envPrefix
                + " bash -c 'echo $$; exec </dev/null >/dev/null 2>&1; exec -a \"$0\" sleep 300' '" + marker
                + "' & ) ); echo \"$pid\"";
    }
}
