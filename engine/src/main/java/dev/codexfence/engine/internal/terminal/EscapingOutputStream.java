package dev.codexfence.engine.internal.terminal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The last guard in front of a terminal: UTF-8 bytes pass through with every character {@link TerminalText}
 * escapes shown as its escape, except the line break. The command line wraps its stdout and stderr in one, so
 * that text no printing code escaped (an engine message, a library's warning) cannot drive the terminal
 * either. Its own output drawn below this stream (the status line) is untouched.
 */
@API(status = INTERNAL, since = "0.1")
public final class EscapingOutputStream extends FilterOutputStream {

    /** Bytes of a UTF-8 sequence not yet complete. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public EscapingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (pending.size() == 0 && plainAscii(b, off, len)) {
            out.write(b, off, len);
            return;
        }
        pending.write(b, off, len);
        byte[] bytes = pending.toByteArray();
        int complete = completePrefix(bytes);
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        if (complete > 0) {
            String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            out.write(TerminalText.lines(text).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (pending.size() > 0) {
            out.write(
                    TerminalText.lines(pending.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            pending.reset();
        }
        super.close();
    }

    private static boolean plainAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\n' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** How many leading bytes form whole UTF-8 sequences (an incomplete one at the end waits for more). */
    private static int completePrefix(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= 3 && back <= n; back++) {
            int b = bytes[n - back] & 0xff;
            if (b < 0x80) {
                return n;
            }
            if (b >= 0xc0) {
                int need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return back < need ? n - back : n;
            }
        }
        return n;
    }
}
