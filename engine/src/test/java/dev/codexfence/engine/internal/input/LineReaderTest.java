package dev.codexfence.engine.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NDJSON lines from a stream that may be endless: a line or an input over its cap ends the reading. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LineReaderTest {

    private static final InputLimit TOTAL = new InputLimit("an NDJSON input", 64 * InputLimit.KIB);

    /** An endless stream of one byte, like /dev/zero. */
    private static InputStream endless(byte b) {
        return new InputStream() {
            @Override
            public int read() {
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, b);
                return len;
            }
        };
    }

    private static List<String> lines(LineReader r) throws IOException {
        List<String> all = new ArrayList<>();
        for (String l; (l = r.readLine()) != null; ) {
            all.add(l);
        }
        return all;
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        byte[] text = "a\r\n\nb\u00e9\nlast".getBytes(StandardCharsets.UTF_8);
        LineReader r = new LineReader(new ByteArrayInputStream(text), "in", 100, TOTAL);
        assertThat(lines(r)).containsExactly("a", "", "b\u00e9", "last");
        assertThat(r.lineNumber()).isEqualTo(4);
        assertThat(lines(new LineReader(new ByteArrayInputStream(new byte[0]), "in", 100, TOTAL)))
                .isEmpty();
    }

    @Test
    void anEndlessLineStopsAtTheLineCap() throws IOException {
        LineReader r = new LineReader(endless((byte) 0), "<stdin>", 1000, TOTAL);
        assertThatThrownBy(r::readLine)
                .isInstanceOf(InputException.class)
                .hasMessage("<stdin>:1: the line is longer"
                        + " than 1000 bytes, more than a line of an NDJSON input may be; the rest was not read");
        LineReader second = new LineReader(
                new ByteArrayInputStream(("ok\n" + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8)),
                "f.ndjson",
                1000,
                TOTAL);
        assertThat(second.readLine()).isEqualTo("ok");
        assertThatThrownBy(second::readLine).hasMessageStartingWith("f.ndjson:2: the line is longer than 1000 bytes");
    }

    @Test
    void endlessShortLinesStopAtTheInputCap() throws IOException {
        LineReader r = new LineReader(endless((byte) '\n'), "<stdin>", 1000, TOTAL);
        assertThatThrownBy(() -> lines(r))
                .hasMessage("<stdin>: the input is more than the 64 KiB an NDJSON input"
                        + " may be; the rest was not read");
    }
}
