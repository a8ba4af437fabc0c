package dev.codexfence.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * stderr with an optional status line at the bottom: anything written to stderr first erases the status
 * line, so the engine's own messages and the CLI's reports never get mixed into it. The status line is
 * drawn only at the start of a line and only on a terminal.
 */
final class StatusLine extends OutputStream {

    private static final byte[] ERASE = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream raw;
    private boolean shown;
    private boolean atLineStart = true;

    StatusLine(OutputStream raw) {
        this.raw = raw;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        eraseIfShown();
        raw.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        eraseIfShown();
        raw.write(b, off, len);
        atLineStart = b[off + len - 1] == '\n';
    }

    @Override
    public synchronized void flush() throws IOException {
        raw.flush();
    }

    /** Draws (or redraws) the status line; skipped while a partial line is on screen. */
    synchronized void show(String text) {
        if (!atLineStart && !shown) {
            return;
        }
        try {
            raw.write(ERASE);
            raw.write(text.getBytes(StandardCharsets.UTF_8));
            raw.flush();
            shown = true;
        } catch (IOException ignored) {
            // stderr is gone: nothing to show
        }
    }

    /** Removes the status line, if any. */
    synchronized void clear() {
        try {
            eraseIfShown();
            raw.flush();
        } catch (IOException ignored) {
            // stderr is gone
        }
    }

    private void eraseIfShown() throws IOException {
        if (shown) {
            raw.write(ERASE);
            shown = false;
            atLineStart = true;
        }
    }
}
