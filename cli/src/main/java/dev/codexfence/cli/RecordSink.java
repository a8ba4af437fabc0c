package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
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
        // JSON escapes control characters but DEL, C1 and bidi controls: backslash-u escapes here (the same JSON);
        // a compact record never holds a raw line break, and never will on this stream
        String line = TerminalText.line(compactJson);
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
