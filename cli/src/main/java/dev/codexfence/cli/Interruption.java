package dev.codexfence.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.CancellationToken;

/**
 * SIGINT/SIGTERM during a run: a shutdown hook cancels the execution through the Launcher's cancellation
 * token (the engine kills the running probe trees and skips the rest, then closes its session, which writes
 * the NDJSON file and removes the scratch folder), waits up to {@link #GRACE_SECONDS} for the run to wind
 * down and exits with 130.
 */
final class Interruption {

    static final long GRACE_SECONDS = 10;

    private final CancellationToken token;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final boolean terminal;
    private final Thread hook;
    private volatile boolean done;
    private volatile boolean interrupted;

    private Interruption(CancellationToken token, PrintStream out, PrintStream err, boolean terminal) {
        this.token = token;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.hook = new Thread(this::onSignal, "codex-fence-interrupt");
    }

    /** @param terminal whether a terminal echoed ^C (the message then starts on a new line) */
    static Interruption install(CancellationToken token, PrintStream out, PrintStream err, boolean terminal) {
        Interruption i = new Interruption(token, out, err, terminal);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    private void onSignal() {
        if (done) {
            return; // a normal exit
        }
        interrupted = true;
        if (terminal) {
            err.println();
        }
        err.println("codex-fence: interrupted; stopping the running probes …");
        token.cancel();
        try {
            if (!finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                err.println("codex-fence: the run did not stop within " + GRACE_SECONDS + " s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }

    boolean interrupted() {
        return interrupted;
    }

    /** The run is over (records flushed): lets a pending hook exit, else removes the hook. */
    void finish() {
        done = true;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook exits with 130
        }
    }
}
