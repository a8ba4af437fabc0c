package dev.codexfence.engine.internal.input;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * Reads {@code \n}-terminated lines (NDJSON) from a stream that may be hostile or endless: a line longer than
 * its cap, or more bytes in all than the input's cap, ends the reading with an {@link InputException}
 * instead of filling the heap ({@code codex-fence --listen < /dev/zero} stops after one line's cap). A
 * trailing {@code \r} is dropped; bytes are decoded as UTF-8 with malformed sequences replaced.
 */
@API(status = INTERNAL, since = "0.1")
public final class LineReader implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final String name;
    private final long maxLineBytes;
    private final InputLimit total;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int end;
    private long consumed;
    private int lineNumber;
    private boolean eof;

    /**
     * @param name the input in messages (a path, "&lt;stdin&gt;")
     * @param maxLineBytes the longest line, in bytes without its terminator
     * @param total the cap on the whole input
     */
    public LineReader(InputStream in, String name, long maxLineBytes, InputLimit total) {
        this.in = in;
        this.name = name;
        this.maxLineBytes = maxLineBytes;
        this.total = total;
    }

    /** The number of the line {@link #readLine()} returned last (1-based), or is reading. */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator, or null at the end of the input.
     *
     * @throws InputException for a line over its cap ("NAME:N: the line is longer than 4 MiB, …") or an input
     *     over its cap
     */
    public String readLine() throws IOException {
        if (eof && position >= end) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        lineNumber++;
        while (true) {
            if (position >= end && !fill()) {
                if (line.size() == 0) {
                    lineNumber--;
                    return null;
                }
                return decode(line);
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > maxLineBytes) {
                throw new InputException(
                        name + ":" + lineNumber,
                        "the line is longer than "
                                + InputSizes.describe(maxLineBytes) + ", more than a line of " + total.noun()
                                + " may be; the rest was not read");
            }
            if (position < end) {
                position++; // the '\n'
                return decode(line);
            }
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            position = end = 0;
            return false;
        }
        consumed += n;
        if (consumed > total.maxBytes()) {
            throw new InputException(
                    name,
                    "the input is more than the " + total.describeMax() + " " + total.noun()
                            + " may be; the rest was not read");
        }
        position = 0;
        end = n;
        return true;
    }

    private static String decode(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
