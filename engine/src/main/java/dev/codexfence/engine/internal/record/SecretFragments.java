package dev.codexfence.engine.internal.record;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Finds pieces of known secrets: copies cut short (a snippet or message abbreviated in the middle of one) or
 * parts of a copy. A piece is, in any letter case, a run of {@value #CHARACTERS} characters of a secret (also
 * reversed or URL-encoded), or, counting letters and digits only (so anything may sit between them: spaced
 * out, wrapped over lines), a run of {@value #CHARACTERS} of the secret's, {@value #HEX_DIGITS} of its hex or
 * {@value #BASE64_CHARACTERS} of its base64 (either alphabet). Overlapping pieces join.
 */
final class SecretFragments {

    static final int CHARACTERS = 12;
    static final int HEX_DIGITS = 2 * CHARACTERS;
    static final int BASE64_CHARACTERS = 16;

    /** A way of looking at a text: lower case, or only its letters and digits in lower case. */
    private enum View {
        CASELESS,
        ALPHANUMERIC
    }

    private static final long BASE = 1_000_003L;
    private static final int FILTER_BITS = 1 << 16;

    /**
     * The windows of one length searched in one view. A rolling hash and a bit filter find candidates without
     * copying; only a candidate is compared with the set.
     */
    private static final class Windows {
        private final View view;
        private final int length;
        private final Set<String> set;
        private final long[] filter = new long[FILTER_BITS / 64];
        private final long topPower;

        Windows(View view, int length, Set<String> set) {
            this.view = view;
            this.length = length;
            this.set = set;
            long p = 1;
            for (int i = 1; i < length; i++) {
                p *= BASE;
            }
            this.topPower = p;
            for (String w : set) {
                int bit = bit(hash(w, length));
                filter[bit >>> 6] |= 1L << bit;
            }
        }

        /** Calls {@code found} with the start of every window of {@code text} in the set. */
        void search(String text, java.util.function.IntConsumer found) {
            if (set.isEmpty() || text.length() < length) {
                return;
            }
            long h = hash(text, length);
            for (int i = 0; ; i++) {
                int bit = bit(h);
                if ((filter[bit >>> 6] & 1L << bit) != 0 && set.contains(text.substring(i, i + length))) {
                    found.accept(i);
                }
                if (i + length >= text.length()) {
                    return;
                }
                h = (h - text.charAt(i) * topPower) * BASE + text.charAt(i + length);
            }
        }

        private static long hash(String s, int length) {
            long h = 0;
            for (int i = 0; i < length; i++) {
                h = h * BASE + s.charAt(i);
            }
            return h;
        }

        private static int bit(long h) {
            return (int) ((h * 0x9E3779B97F4A7C15L) >>> 48) & (FILTER_BITS - 1);
        }
    }

    private final List<Windows> windows;

    SecretFragments(Collection<String> secrets) {
        Set<String> caseless = new HashSet<>();
        Set<String> alphanumeric = new HashSet<>();
        Set<String> hex = new HashSet<>();
        Set<String> base64 = new HashSet<>();
        for (String s : secrets) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(
                    s, SecretForms.reversed(s), SecretForms.urlEncoded(s, false), SecretForms.urlEncoded(s, true))) {
                addWindows(caseless, lower(form), CHARACTERS);
            }
            addWindows(alphanumeric, lower(alphanumeric(s, null)), CHARACTERS);
            addWindows(hex, HexFormat.of().formatHex(bytes), HEX_DIGITS);
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[bytes.length + shift];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
                String core = std.substring(shift == 0 ? 0 : shift + 1, Math.max(shift + 1, std.length() - 1));
                addWindows(base64, lower(alphanumeric(core, null)), BASE64_CHARACTERS);
            }
        }
        this.windows = List.of(
                new Windows(View.CASELESS, CHARACTERS, caseless),
                new Windows(View.ALPHANUMERIC, CHARACTERS, alphanumeric),
                new Windows(View.ALPHANUMERIC, HEX_DIGITS, hex),
                new Windows(View.ALPHANUMERIC, BASE64_CHARACTERS, base64));
    }

    private static void addWindows(Set<String> set, String form, int length) {
        for (int i = 0; i + length <= form.length(); i++) {
            set.add(form.substring(i, i + length));
        }
    }

    /** {@code text} with every piece replaced by {@link Redactor#MARK}. */
    String redact(String text) {
        if (text.length() < CHARACTERS) {
            return text;
        }
        String lower = lower(text);
        int[] positions = new int[text.length()];
        String alnum = alphanumeric(lower, positions);
        boolean[] hit = new boolean[text.length()];
        for (Windows w : windows) {
            boolean mapped = w.view == View.ALPHANUMERIC;
            w.search(mapped ? alnum : lower, i -> {
                int from = mapped ? positions[i] : i;
                int to = mapped ? positions[i + w.length - 1] + 1 : i + w.length;
                java.util.Arrays.fill(hit, from, to, true);
            });
        }
        boolean any = false;
        for (boolean h : hit) {
            any |= h;
        }
        if (!any) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hit[i]) {
                sb.append(text.charAt(i));
            } else if (i == 0 || !hit[i - 1]) {
                sb.append(Redactor.MARK);
            }
        }
        return sb.toString();
    }

    /** Lower case, one char for one char (positions stay). */
    private static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(c[i]);
        }
        return new String(c);
    }

    /** The letters and digits of {@code s}; their positions in {@code s} go to {@code positions} when given. */
    private static String alphanumeric(String s, int[] positions) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                if (positions != null) {
                    positions[sb.length()] = i;
                }
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }
}
