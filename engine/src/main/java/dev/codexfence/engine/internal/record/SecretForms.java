package dev.codexfence.engine.internal.record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms in which one known secret is recognised inside a text, and their removal:
 * <ul>
 *   <li>the value itself, any letter case, URL-encoded (any character may be {@code %HH}, a space {@code +}),
 *       and spaced out (one separator that is not a letter or digit between any two characters);</li>
 *   <li>the value reversed;</li>
 *   <li>hex of its UTF-8 bytes, any case, optionally one blank or colon between bytes;</li>
 *   <li>base64 of its bytes, standard and URL-safe alphabet, with or without padding, also inside the encoding of
 *       a longer text (such as {@code echo "$X" | base64}, which encodes the value and a newline) and wrapped
 *       over lines; the whole base64 word around it goes.</li>
 * </ul>
 * Pieces of a value (a copy cut short) are {@link SecretFragments}' part, copies split over two strings of a
 * record {@link KnownSecrets}'.
 */
final class SecretForms {

    private static final String BASE64_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String BASE64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Base64 characters fully determined by a shifted value, below which a shifted encoding is not searched. */
    private static final int MIN_SHIFTED_CORE = 8;
    /** One separator between the characters of a spaced-out copy. */
    private static final String SEPARATOR = "[^\\p{L}\\p{N}]?";

    /**
     * Longest value searched in its whole forms; a longer one (a certificate, a JSON credential) is found by its
     * {@link SecretFragments} pieces only, which keeps patterns small (a pattern as long as the value would
     * recurse that deep when matching).
     */
    static final int LONGEST_WITH_FORMS = 512;

    /** Length and run of letters and digits from which every form of a value holds a {@link SecretFragments} piece. */
    private static final Pattern ALWAYS_FRAGMENTED = Pattern.compile("(?=.{15}).*[A-Za-z0-9]{12}.*", Pattern.DOTALL);

    /**
     * One way of writing the value: a pattern, the characters a match can start with (a scan for them is much
     * cheaper than letting the pattern try every position), and whether the whole base64 word around a match
     * goes with it.
     */
    private record Form(Pattern pattern, boolean[] asciiStarts, boolean nonAsciiStart, boolean base64Word) {

        static Form of(String regex, boolean caseless, String startChars, boolean base64Word) {
            boolean[] ascii = new boolean[128];
            boolean nonAscii = false;
            for (int i = 0; i < startChars.length(); i++) {
                char c = startChars.charAt(i);
                for (char v : caseless
                        ? new char[] {c, Character.toLowerCase(c), Character.toUpperCase(c)}
                        : new char[] {c}) {
                    if (v < 128) {
                        ascii[v] = true;
                    } else {
                        nonAscii = true;
                    }
                }
            }
            int flags = caseless ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            return new Form(Pattern.compile(regex, flags), ascii, nonAscii, base64Word);
        }

        String redact(String text) {
            Matcher m = null;
            StringBuilder sb = null;
            int done = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 128 ? !asciiStarts[c] : !nonAsciiStart) {
                    continue;
                }
                if (m == null) {
                    m = pattern.matcher(text);
                }
                m.region(i, text.length());
                if (!m.lookingAt()) {
                    continue;
                }
                int from = i;
                int to = m.end();
                if (base64Word) {
                    while (from > done && isBase64Char(text.charAt(from - 1))) {
                        from--;
                    }
                    while (to < text.length() && isBase64Char(text.charAt(to))) {
                        to++;
                    }
                    for (int pad = 0; pad < 2 && to < text.length() && text.charAt(to) == '='; pad++) {
                        to++;
                    }
                }
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, done, from).append(Redactor.MARK);
                done = to;
                i = to - 1;
            }
            return sb == null ? text : sb.append(text, done, text.length()).toString();
        }
    }

    private final String value;
    private final List<Form> forms = new ArrayList<>();
    private final boolean fragmented;

    SecretForms(String value) {
        this.value = value;
        this.fragmented = ALWAYS_FRAGMENTED.matcher(value).matches();
        if (value.length() > LONGEST_WITH_FORMS) {
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (String core : base64Cores(bytes)) {
            forms.add(Form.of(
                    core,
                    false,
                    core.substring(0, core.charAt(0) == '\\' ? 2 : 1).replace("\\", ""),
                    true));
        }
        String first = Character.toString(value.codePointAt(0));
        forms.add(Form.of(
                flexible(value),
                true,
                first + (isAsciiAlphanumeric(first.charAt(0)) ? "" : "%") + (first.equals(" ") ? "+" : ""),
                false));
        String reversed = reversed(value);
        forms.add(Form.of(Pattern.quote(reversed), true, Character.toString(reversed.codePointAt(0)), false));
        String hex = hex(bytes);
        forms.add(Form.of(hex, true, hex.substring(0, 1), false));
    }

    String value() {
        return value;
    }

    /**
     * Whether every form of the value holds a piece {@link SecretFragments} finds (at least 15 characters, 12 of
     * them letters or digits in a row): then a text without any piece holds no form either.
     */
    boolean alwaysFragmented() {
        return fragmented;
    }

    /** {@code text} with every form of the secret replaced by {@link Redactor#MARK}. */
    String redact(String text) {
        String out = text;
        for (Form f : forms) {
            out = f.redact(out);
        }
        return out;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isBase64Char(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '-' || c == '_');
    }

    /** The value, each character also URL-encoded, with at most one separator between characters. */
    private static String flexible(String value) {
        StringBuilder sb = new StringBuilder();
        int[] cps = value.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            int c = cps[i];
            if (c < 128 && Character.isLetterOrDigit(c)) {
                sb.append((char) c);
                continue;
            }
            sb.append("(?:").append(Pattern.quote(Character.toString(c))).append('|');
            for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(HexFormat.of().toHexDigits(b));
            }
            if (c == ' ') {
                sb.append("|\\+");
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append("[ :]?");
            }
            sb.append(HexFormat.of().toHexDigits(bytes[i]));
        }
        return sb.toString();
    }

    /**
     * {@code s} URL-encoded: as a form ({@code URLEncoder}: a space is {@code +}) or per RFC 3986 (letters,
     * digits and {@code -._~} stay, everything else is {@code %HH}).
     */
    static String urlEncoded(String s, boolean form) {
        if (form) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }

    static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /**
     * The base64 characters that only the value's bytes determine, for each of the three positions the value
     * can start at inside an encoded text, in both alphabets; whitespace may sit between characters.
     */
    private static List<String> base64Cores(byte[] bytes) {
        List<String> cores = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[bytes.length + shift];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = shift == 0 ? 0 : shift + 1;
            int to = encoded.length() - ((bytes.length + shift) % 3 == 0 ? 0 : 1);
            if (to - from < (shift == 0 ? 1 : MIN_SHIFTED_CORE)) {
                continue;
            }
            String core = encoded.substring(from, to);
            for (String alphabet : List.of(BASE64_STD, BASE64_URL)) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < core.length(); i++) {
                    if (i > 0) {
                        sb.append("\\s?");
                    }
                    char c = alphabet.charAt(BASE64_STD.indexOf(core.charAt(i)));
                    sb.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
                }
                cores.add(sb.toString());
            }
        }
        return cores;
    }
}
