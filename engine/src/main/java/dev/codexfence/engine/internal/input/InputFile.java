package dev.codexfence.engine.internal.input;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Opens input files (probe scripts, catalogs, expectations, NDJSON) the one safe way: only a regular file
 * (a symlink to one is fine), never a FIFO, device, socket or directory (opening those can block forever or
 * never end), and never more bytes than the input's {@link InputLimit}. A refused input is an
 * {@link InputException} that names the file and says what it is.
 */
@API(status = INTERNAL, since = "0.1")
public final class InputFile {

    private static final int CHUNK = 64 * 1024;

    private InputFile() {}

    /**
     * Checks that {@code file} leads to a regular file of at most {@code limit.maxBytes()} bytes, without opening
     * it, and returns its size.
     */
    public static long check(Path file, InputLimit limit) throws IOException {
        FileKind kind;
        try {
            kind = FileKind.of(file);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new InputException(file, "is a dangling symlink (to " + Files.readSymbolicLink(file) + ")");
            }
            throw new InputException(file, "does not exist");
        }
        if (kind != FileKind.REGULAR) {
            throw new InputException(file, describe(file, kind) + ", not a regular file");
        }
        long size = Files.size(file);
        if (size > limit.maxBytes()) {
            throw new InputException(
                    file,
                    "is " + InputSizes.describeExactly(size) + ", more than the " + limit.describeMax() + " "
                            + limit.noun() + " may be");
        }
        return size;
    }

    /** "is a FIFO", or "is a symlink to /dev/zero, a character device" when a link leads there. */
    private static String describe(Path file, FileKind kind) {
        if (Files.isSymbolicLink(file)) {
            String target;
            try {
                target = file.toRealPath().toString();
            } catch (IOException e) {
                target = "?";
            }
            return "is a symlink to " + target + ", " + kind.noun();
        }
        return "is " + kind.noun();
    }

    /**
     * The bytes of {@code file}, after {@link #check}; a file that grows past the limit while it is read (a
     * {@code /proc} file whose size says 0, say) is refused too.
     */
    public static byte[] readBytes(Path file, InputLimit limit) throws IOException {
        check(file, limit);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.maxBytes() + 1));
            if (bytes.length > limit.maxBytes()) {
                throw new InputException(
                        file, "is more than the " + limit.describeMax() + " " + limit.noun() + " may be");
            }
            return bytes;
        }
    }

    /** The text of {@code file} as strict UTF-8 (a malformed byte is an {@link InputException}), after {@link #check}. */
    public static String readText(Path file, InputLimit limit) throws IOException {
        byte[] bytes = readBytes(file, limit);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) bytes.length + 1));
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw new InputException(
                    file, "is not UTF-8 text (an invalid byte sequence at byte offset " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Opens {@code file} after {@link #check}; the stream fails with an {@link InputException} when it would
     * deliver more than the limit (a file that grew after the check).
     */
    public static InputStream open(Path file, InputLimit limit) throws IOException {
        check(file, limit);
        return new Capped(Files.newInputStream(file), file.toString(), limit);
    }

    /** An input stream that refuses to deliver more than a limit. */
    private static final class Capped extends FilterInputStream {
        private final String name;
        private final InputLimit limit;
        private long delivered;

        Capped(InputStream in, String name, InputLimit limit) {
            super(in);
            this.name = name;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(
                    len, Math.max(1, Math.min(CHUNK, limit.maxBytes() + 1 - delivered))));
            if (n > 0) {
                delivered += n;
                if (delivered > limit.maxBytes()) {
                    throw new InputException(
                            name, "is more than the " + limit.describeMax() + " " + limit.noun() + " may be");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, limit.maxBytes() + 1 - delivered));
            delivered += Math.max(0, skipped);
            return skipped;
        }
    }
}
