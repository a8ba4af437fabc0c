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
 * On timeout or cancellation the whole process tree is killed; descendants seen while it ran are killed
 * when it ends, so a probe's background children do not outlive the run.
 */
public final class ProcessRunner {

    private static final long POLL_MILLIS = 20;
    private static final long DRAIN_MILLIS = 2000;

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
            Duration elapsed) {}

    /** Starts and waits. {@link IOException} means the process could not be started at all. */
    public Outcome run(Spec spec) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
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
        if (timedOut || cancelled) {
            killTree(process, seen);
        }
        seen.forEach(ProcessHandle::destroyForcibly);
        int exit = waitQuietly(process);
        boolean held = !out.finish(DRAIN_MILLIS) | !err.finish(DRAIN_MILLIS);
        return new Outcome(timedOut || cancelled ? -1 : exit, timedOut, cancelled, out.bytes(), out.dropped(),
                err.bytes(), err.dropped(), held, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void killTree(Process process, Set<ProcessHandle> seen) {
        process.descendants().forEach(seen::add);
        seen.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
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
