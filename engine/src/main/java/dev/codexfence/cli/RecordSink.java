package dev.codexfence.cli;

import java.io.PrintStream;
import org.junit.platform.engine.CancellationToken;

/**
 * stdout during a run: one cfbo-v1 record per line, flushed per line, in the order the engine publishes
 * them. When stdout goes away (the reader of a pipe quit), the run is cancelled instead of going on blind.
 */
final class RecordSink {

    private final PrintStream out;
    private final CancellationToken token;
    private final StatusLine sharedScreen;
    private int written;
    private boolean broken;

    /** @param sharedScreen the progress line when stdout shows on the same terminal (it is erased first), else null */
    RecordSink(PrintStream out, CancellationToken token, StatusLine sharedScreen) {
        this.out = out;
        this.token = token;
        this.sharedScreen = sharedScreen;
    }

    synchronized void emit(String compactJson) {
        if (broken) {
            return;
        }
        // a compact record never holds a raw line break (JSON escapes them); be safe anyway
        String line = compactJson.indexOf('\n') >= 0 || compactJson.indexOf('\r') >= 0
                ? compactJson.replace("\r", "\\r").replace("\n", "\\n")
                : compactJson;
        if (sharedScreen != null) {
            sharedScreen.clear();
        }
        out.print(line);
        out.print('\n');
        out.flush();
        if (out.checkError()) {
            broken = true;
            token.cancel();
            return;
        }
        written++;
    }

    synchronized int written() {
        return written;
    }

    /** Whether stdout failed (closed pipe); the run was cancelled then. */
    synchronized boolean broken() {
        return broken;
    }
}
