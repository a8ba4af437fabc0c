package dev.codexfence.probe;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one process to completion with a deadline, bounded capture of stdout and stderr, and cancellation.
 * Where {@code setsid} exists (Linux), the process leads a session and process group of its own: whatever
 * it starts, even a daemon that ignores SIGHUP, stays in that group and is killed with it. Elsewhere the
 * descendants seen while it ran are killed. On timeout or cancellation everything is killed at once; after a
 * normal exit, survivors are killed and reported ({@link Outcome#leftBehind()}).
 */
public final class ProcessRunner {

    private static final long POLL_MILLIS = 20;
    private static final long DRAIN_MILLIS = 2000;
    private static final long EXIT_GRACE_MILLIS = 250;
    private static final String SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
    private static final String KILL = firstExecutable("/usr/bin/kill", "/bin/kill");

    /** What to run. */
    public record Spec(
            List<String> argv,
            Path directory,
            Map<String, String> environment,
            Duration timeout,
            int stdoutLimit,
            int stderrLimit,
            BooleanSupplier cancelled) {

        public Spec {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * How it went.
     *
     * @param exitCode the exit code, or -1 when the harness killed it
     * @param stdoutDropped bytes of stdout beyond the limit, read and discarded
     * @param pipesHeldOpen true when a leftover process kept the output pipes open after the exit
     * @param leftBehind true when a process it started was still alive after it exited (then killed)
     */
    public record Outcome(
            int exitCode,
            boolean timedOut,
            boolean cancelled,
            byte[] stdout,
            long stdoutDropped,
            byte[] stderr,
            long stderrDropped,
            boolean pipesHeldOpen,
            boolean leftBehind,
            Duration elapsed) {}

    /** Starts and waits. {@link IOException} means the process could not be started at all. */
    public Outcome run(Spec spec) throws IOException {
        boolean ownGroup = SETSID != null && KILL != null;
        List<String> argv = spec.argv();
        if (ownGroup) {
            argv = new java.util.ArrayList<>(argv);
            argv.add(0, SETSID);
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (spec.directory() != null) {
            pb.directory(spec.directory().toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process = pb.start();
        Capture out = new Capture(process.getInputStream(), spec.stdoutLimit(), "stdout");
        Capture err = new Capture(process.getErrorStream(), spec.stderrLimit(), "stderr");
        out.start();
        err.start();

        Set<ProcessHandle> seen = new LinkedHashSet<>();
        long deadline = start + spec.timeout().toNanos();
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(seen::add);
                if (spec.cancelled().getAsBoolean()) {
                    cancelled = true;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        }
        long group = process.pid();
        if (timedOut || cancelled) {
            process.descendants().forEach(seen::add);
            if (ownGroup) {
                signalGroup(group, "-KILL");
            }
            seen.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        int exit = waitQuietly(process);
        boolean leftBehind = false;
        if (!timedOut && !cancelled) {
            leftBehind = stillRunning(seen);
            // a member may fork while the group is being killed: kill until the group is empty (bounded)
            for (int round = 0; ownGroup && round < 50 && groupHasMembers(group); round++) {
                leftBehind = true;
                signalGroup(group, "-KILL");
                pause(round == 0 ? 0 : 10);
            }
            seen.forEach(ProcessHandle::destroyForcibly);
        }
        boolean held = !out.finish(DRAIN_MILLIS) | !err.finish(DRAIN_MILLIS);
        return new Outcome(timedOut || cancelled ? -1 : exit, timedOut, cancelled, out.bytes(), out.dropped(),
                err.bytes(), err.dropped(), held, leftBehind, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Whether a descendant seen while the process ran is still running. A zombie is not (it has exited; only its
     * new parent has yet to reap it: codex 0.120 to 0.140 leave bubblewrap's sandbox init so for a moment), and a
     * process that is exiting gets {@link #EXIT_GRACE_MILLIS} to finish.
     */
    private static boolean stillRunning(Set<ProcessHandle> seen) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_GRACE_MILLIS);
        while (true) {
            boolean running = seen.stream().anyMatch(p -> p.isAlive() && !exited(p.pid()));
            if (!running || System.nanoTime() > until) {
                return running;
            }
            pause(10);
        }
    }

    /** Whether /proc says {@code pid} is a zombie or dead (false where there is no /proc). */
    private static boolean exited(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 2)[0];
            return state.equals("Z") || state.equals("X");
        } catch (IOException | RuntimeException e) {
            return java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")); // gone, where /proc would show it
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether any process is still in process group {@code group}: read from /proc where it exists (no
     * extra process), else asked with {@code kill -0}.
     */
    private static boolean groupHasMembers(long group) {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc");
        if (!java.nio.file.Files.isDirectory(proc.resolve("self"))) {
            return signalGroup(group, "-0");
        }
        String wanted = Long.toString(group);
        try (var dirs = java.nio.file.Files.newDirectoryStream(proc, d -> {
            String n = d.getFileName().toString();
            return !n.isEmpty() && Character.isDigit(n.charAt(0));
        })) {
            for (java.nio.file.Path d : dirs) {
                String stat;
                try {
                    stat = java.nio.file.Files.readString(d.resolve("stat"));
                } catch (IOException e) {
                    continue; // it went away meanwhile
                }
                // pid (comm) state ppid pgrp ...: comm may contain spaces and parentheses, so read after the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
                // a zombie (Z) or dead (X) member is already gone: only its parent has yet to reap it
                if (fields.length > 2 && fields[2].equals(wanted) && !fields[0].equals("Z") && !fields[0].equals("X")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return signalGroup(group, "-0");
        }
        return false;
    }

    /** Sends {@code signal} to every process of group {@code group}; true when at least one received it. */
    private static boolean signalGroup(long group, String signal) {
        try {
            Process kill = new ProcessBuilder(KILL, signal, "--", "-" + group)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    private static int waitQuietly(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads one stream on its own thread, keeping at most {@code limit} bytes and counting the rest. */
    private static final class Capture extends Thread {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        Capture(InputStream in, int limit, String name) {
            super("codex-fence-" + name);
            setDaemon(true);
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        int room = Math.max(0, limit - kept.size());
                        kept.write(buf, 0, Math.min(room, n));
                        dropped += Math.max(0, n - room);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: what was read is kept
            }
        }

        boolean finish(long millis) {
            try {
                join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (isAlive()) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
                return false;
            }
            return true;
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized long dropped() {
            return dropped;
        }
    }
}
