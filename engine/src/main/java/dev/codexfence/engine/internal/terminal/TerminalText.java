package dev.codexfence.engine.internal.terminal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Text from a record, an input file, a file name or a probe's output made safe to show on a terminal: every
 * character a terminal would act on instead of showing is replaced by a visible escape. That is the C0
 * controls ({@code \t}, {@code \n}, {@code \r}, {@code \e} for ESC, {@code \xHH} for the others), DEL and
 * the C1 controls U+0080–U+009F (<code>&#92;u007f</code>, <code>&#92;u009b</code>), the bidirectional and
 * line-separator format characters that reorder or break what is shown (U+061C, U+200E, U+200F,
 * U+2028–U+202E, U+2066–U+2069), and lone surrogates (<code>&#92;ud800</code>). Everything from DEL up uses the
 * <code>&#92;uHHHH</code> form, which is also a valid JSON escape, so JSON output stays JSON. Backslashes are
 * left as they are.
 */
@API(status = INTERNAL, since = "0.1")
public final class TerminalText {

    private TerminalText() {}

    /** {@code s} as one line: every unsafe character escaped, line breaks included; null gives "". */
    public static String line(String s) {
        return escape(s, false);
    }

    /** {@code s} as lines: every unsafe character escaped except the line break {@code \n}; null gives "". */
    public static String lines(String s) {
        return escape(s, true);
    }

    /** Whether the code point {@code c} is escaped (a line break is, unless kept). */
    public static boolean unsafe(int c) {
        return c < 0x20
                || c >= 0x7f && c <= 0x9f
                || c == 0x061c
                || c == 0x200e
                || c == 0x200f
                || c >= 0x2028 && c <= 0x202e
                || c >= 0x2066 && c <= 0x2069
                || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
    }

    private static String escape(String s, boolean keepLineBreaks) {
        if (s == null) {
            return "";
        }
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            if (unsafe(c) && !(keepLineBreaks && c == '\n')) {
                break;
            }
            i += Character.charCount(c);
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (!unsafe(c) || keepLineBreaks && c == '\n') {
                sb.appendCodePoint(c);
                continue;
            }
            switch (c) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case 0x1b -> sb.append("\\e");
                default -> sb.append(c < 0x20 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            }
        }
        return sb.toString();
    }
}
