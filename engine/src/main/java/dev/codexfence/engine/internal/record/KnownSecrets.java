package dev.codexfence.engine.internal.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values the harness knows (see {@link SecretRule}), and their removal from texts and records: each
 * value in every form {@link SecretForms} knows, every piece {@link SecretFragments} finds (a copy cut short,
 * or one half of a split copy), and a copy split over two strings of one record (the end of one string and
 * the start of another). Immutable.
 */
final class KnownSecrets {

    static final KnownSecrets NONE = new KnownSecrets(List.of());

    private final List<SecretForms> secrets;
    private final SecretFragments fragments;

    private KnownSecrets(List<SecretForms> secrets) {
        this.secrets = secrets;
        this.fragments =
                new SecretFragments(secrets.stream().map(SecretForms::value).toList());
    }

    /** These secrets and {@code values} (blank values and those already known are ignored). */
    KnownSecrets with(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>(values());
        boolean added = false;
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                added |= all.add(v.strip());
            }
        }
        if (!added) {
            return this;
        }
        // longest first: a secret containing another goes as a whole
        List<String> ordered = new ArrayList<>(all);
        ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new KnownSecrets(ordered.stream().map(SecretForms::new).toList());
    }

    Set<String> values() {
        Set<String> out = new LinkedHashSet<>();
        secrets.forEach(s -> out.add(s.value()));
        return out;
    }

    boolean isEmpty() {
        return secrets.isEmpty();
    }

    /** {@code text} without any known secret, in any known form, nor any fragment of one. */
    String redact(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        // a text without any piece holds no whole copy of a secret that always leaves pieces: skip their forms
        boolean pieces = !fragments.redact(text).equals(text);
        String out = text;
        for (SecretForms s : secrets) {
            if (pieces || !s.alwaysFragmented()) {
                out = s.redact(out);
            }
        }
        return pieces ? fragments.redact(out) : out;
    }

    /** A string of a record that may hold half of a split secret. */
    interface Slot {
        String text();

        void replace(String text);
    }

    /**
     * Removes copies split over two of {@code slots}: for a secret {@code S = P + Q}, a slot ending with
     * {@code P} and another starting with {@code Q} lose them.
     */
    void redactSplitCopies(List<? extends Slot> slots) {
        if (secrets.isEmpty() || slots.size() < 2) {
            return;
        }
        for (SecretForms s : secrets) {
            String v = s.value();
            int n = v.length();
            // for each slot: the split points k (1..n-1) where it ends with v[0,k) or starts with v[k,n)
            List<Set<Integer>> ends = new ArrayList<>();
            List<Set<Integer>> starts = new ArrayList<>();
            for (Slot slot : slots) {
                ends.add(splitPoints(slot.text(), v, true));
                starts.add(splitPoints(slot.text(), v, false));
            }
            for (int a = 0; a < slots.size(); a++) {
                for (int b = 0; b < slots.size(); b++) {
                    if (a == b || ends.get(a).isEmpty() || starts.get(b).isEmpty()) {
                        continue;
                    }
                    Integer k = common(ends.get(a), starts.get(b));
                    if (k == null) {
                        continue;
                    }
                    String first = slots.get(a).text();
                    String second = slots.get(b).text();
                    slots.get(a).replace(first.substring(0, first.length() - k) + Redactor.MARK);
                    slots.get(b).replace(Redactor.MARK + second.substring(n - k));
                    ends.set(a, Set.of());
                    starts.set(b, Set.of());
                }
            }
        }
    }

    private static Integer common(Set<Integer> a, Set<Integer> b) {
        Integer best = null;
        for (Integer k : a) {
            if (b.contains(k) && (best == null || k > best)) {
                best = k;
            }
        }
        return best;
    }

    /** Split points k in 1..n-1 where {@code text} ends with {@code v[0,k)} (or starts with {@code v[k,n)}). */
    private static Set<Integer> splitPoints(String text, String v, boolean ending) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        Set<Integer> points = null;
        int n = v.length();
        char edge = ending ? text.charAt(text.length() - 1) : text.charAt(0);
        for (int k = 1; k < n; k++) {
            if (ending
                    ? v.charAt(k - 1) == edge && text.regionMatches(text.length() - k, v, 0, k)
                    : v.charAt(k) == edge && text.regionMatches(0, v, k, n - k)) {
                if (points == null) {
                    points = new HashSet<>();
                }
                points.add(k);
            }
        }
        return points == null ? Set.of() : points;
    }
}
