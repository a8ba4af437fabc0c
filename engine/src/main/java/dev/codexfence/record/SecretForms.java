package dev.codexfence.record;

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
 * Runs of {@link KnownSecrets#FRAGMENT} or more characters of the value, and copies split over two strings of
 * a record, are {@link KnownSecrets}' part.
 */
final class SecretForms {

    private static final String BASE64_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String BASE64_URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Base64 characters fully determined by a shifted value, below which a shifted encoding is not searched. */
    private static final int MIN_SHIFTED_CORE = 8;
    /** One separator between the characters of a spaced-out copy. */
    private static final String SEPARATOR = "[^\\p{L}\\p{N}]?";

    private final String value;
    private final Pattern textual;
    private final Pattern base64;

    SecretForms(String value) {
        this.value = value;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        this.textual = Pattern.compile(String.join("|", flexible(value), Pattern.quote(reversed(value)), hex(bytes)),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.base64 = Pattern.compile(String.join("|", base64Cores(bytes)));
    }

    String value() {
        return value;
    }

    /** {@code text} with every form of the secret replaced by {@link Redactor#MARK}. */
    String redact(String text) {
        String out = text;
        Matcher b = base64.matcher(out);
        if (b.find()) {
            StringBuilder sb = new StringBuilder();
            int done = 0;
            do {
                int start = b.start();
                int end = b.end();
                while (start > done && isBase64Char(out.charAt(start - 1))) {
                    start--;
                }
                while (end < out.length() && isBase64Char(out.charAt(end))) {
                    end++;
                }
                for (int pad = 0; pad < 2 && end < out.length() && out.charAt(end) == '='; pad++) {
                    end++;
                }
                sb.append(out, done, start).append(Redactor.MARK);
                done = end;
            } while (b.find(done));
            out = sb.append(out, done, out.length()).toString();
        }
        Matcher t = textual.matcher(out);
        return t.find() ? t.replaceAll(Matcher.quoteReplacement(Redactor.MARK)) : out;
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
