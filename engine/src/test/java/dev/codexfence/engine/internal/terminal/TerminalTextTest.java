package dev.codexfence.engine.internal.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    static final String EVIL = "\u001b[2J\u001b]0;pwned\u0007\rX\u007f\u009b31m\tY\u202eZ\u2028\u0000";

    @Test
    void everyControlCharacterBecomesAVisibleEscape() {
        assertThat(TerminalText.line("a" + EVIL + "\nb"))
                .isEqualTo("a\\e[2J\\e]0;pwned\\x07\\rX\\u007f\\u009b31m\\tY\\u202eZ\\u2028\\x00\\nb");
    }

    @Test
    void linesKeepTheLineBreakOnly() {
        assertThat(TerminalText.lines("one\ntwo\r\n\u001bc")).isEqualTo("one\ntwo\\r\n\\ec");
    }

    @Test
    void ordinaryTextAndBackslashesStayAsTheyAre() {
        String text = "touch: cannot touch '/root/.x': Read-only file system — ok ✓ \\e \"q\" 日本 😀";
        assertThat(TerminalText.line(text)).isSameAs(text);
        assertThat(TerminalText.line(null)).isEmpty();
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertThat(TerminalText.line("a\ud800b\udc00c😀")).isEqualTo("a\\ud800b\\udc00c😀");
    }

    @Test
    void escapedJsonIsStillTheSameJson() {
        String json = FenceJson.MAPPER.writeValueAsString(java.util.Map.of("m", EVIL));
        String shown = TerminalText.line(json);
        assertThat(shown.codePoints()).noneMatch(TerminalText::unsafe);
        assertThat(FenceJson.MAPPER.readTree(shown).get("m").asString()).isEqualTo(EVIL);
    }

    @Test
    void theEscapingStreamEscapesWhatPassesAndKeepsLineBreaks() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (EscapingOutputStream out = new EscapingOutputStream(sink)) {
            byte[] bytes = ("plain line\n" + EVIL + "\n").getBytes(StandardCharsets.UTF_8);
            // a C1 character's two bytes arrive in two writes
            int split =
                    ("plain line\n" + EVIL.substring(0, EVIL.indexOf('\u009b'))).getBytes(StandardCharsets.UTF_8).length
                            + 1;
            out.write(bytes, 0, split);
            out.write(bytes, split, bytes.length - split);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("plain line\n\\e[2J\\e]0;pwned\\x07\\rX\\u007f\\u009b31m\\tY\\u202eZ\\u2028\\x00\n");
    }
}
