package dev.codexfence.engine.internal.process;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.containment.Containment;
import dev.codexfence.engine.internal.containment.Launch;
import dev.codexfence.engine.internal.containment.ProcessScanContainment;
import dev.codexfence.engine.internal.containment.RunScope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * Runs one process to completion with a deadline, bounded capture of stdout and stderr, and cancellation,
 * held by a {@link Containment}: a cgroup of its own where one can be made (Linux), else a session and process
 * group of its own ({@code setsid}) found again after the run by a /proc scan. Whatever it starts, even a
 * double-forked daemon in a session of its own, is found and killed. On timeout or cancellation everything is
 * killed at once; after a normal exit, processes still running are killed and reported
 * ({@link Outcome#leftBehind()}). Processes that are already dead (zombies waiting for their parent) or in the
 * kernel's exit path are not.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProcessRunner {

    private static final long POLL_MILLIS = 20;
    private static final long DRAIN_MILLIS = 2000;

    private final Containment containment;

    /** A runner whose runs are held by the process scan (no cgroup); for runs outside a run session. */
    public ProcessRunner() {
        this(new ProcessScanContainment("no run session"));
    }

    /** A runner whose runs are held by {@code containment} (the caller closes it). */
    public ProcessRunner(Containment containment) {
        this.containment = containment;
    }

    /**
     * What to run.
     *
     * @param exitGrace how long processes the run started may go on after its first process exited before they
     *     count as left behind (zero: none may; a sandbox's own helpers may need a few milliseconds to wind down)
     */
    public record Spec(
            List<String> argv,
            Path directory,
            Map<String, String> environment,
            Duration timeout,
            int stdoutLimit,
            int stderrLimit,
            BooleanSupplier cancelled,
            Duration exitGrace) {

        public Spec {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
        }

        /** A run after whose exit nothing it started may still run. */
        public Spec(
                List<String> argv,
                Path directory,
                Map<String, String> environment,
                Duration timeout,
                int stdoutLimit,
                int stderrLimit,
                BooleanSupplier cancelled) {
            this(argv, directory, environment, timeout, stdoutLimit, stderrLimit, cancelled, Duration.ZERO);
        }
    }

    /**
     * How it went.
     *
     * @param exitCode the exit code, or -1 when the harness killed it
     * @param stdoutDropped bytes of stdout beyond the limit, read and discarded
     * @param pipesHeldOpen true when a leftover process kept the output pipes open after the exit
     * @param leftBehind true when a process it started was still running after it exited (then killed)
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

    /**
     * Starts and waits. {@link IOException} means the process could not be started at all (or not inside its
     * containment).
     */
    public Outcome run(Spec spec) throws IOException {
        try (RunScope scope = containment.begin()) {
            return run(spec, scope);
        }
    }

    private Outcome run(Spec spec, RunScope scope) throws IOException {
        long start = System.nanoTime();
        Process process = scope.start(new Launch(spec.argv(), spec.directory(), spec.environment()));
        Capture out = new Capture(process.getInputStream(), spec.stdoutLimit(), "stdout");
        Capture err = new Capture(process.getErrorStream(), spec.stderrLimit(), "stderr");
        out.start();
        err.start();

        long deadline = start + spec.timeout().toNanos();
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                scope.observe(process);
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
            if (process.isAlive()) {
                scope.observe(process);
            }
            scope.killAll();
            process.destroyForcibly();
        }
        int exit = waitQuietly(process);
        boolean leftBehind = false;
        if (!timedOut && !cancelled) {
            leftBehind = !windsDownWithin(scope, spec.exitGrace());
            if (leftBehind) {
                scope.killAll();
            }
        }
        boolean held = !out.finish(DRAIN_MILLIS) | !err.finish(DRAIN_MILLIS);
        if (!timedOut && !cancelled) {
            scope.checkEntered(exit, err.bytes());
        }
        return new Outcome(
                timedOut || cancelled ? -1 : exit,
                timedOut,
                cancelled,
                out.bytes(),
                out.dropped(),
                err.bytes(),
                err.dropped(),
                held,
                leftBehind,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** True when nothing of the run runs any more, at once or within {@code grace}. */
    private static boolean windsDownWithin(RunScope scope, Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (!scope.stillRunning().isEmpty()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
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
