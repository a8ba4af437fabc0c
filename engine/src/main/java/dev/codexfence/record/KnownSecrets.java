package dev.codexfence.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values the harness knows (see {@link SecretRule}), and their removal from texts and records: each
 * value in every form {@link SecretForms} knows, every run of {@value #FRAGMENT} or more characters of a value
 * (a copy cut short, or one half of a split copy), and a copy split over two strings of one record (the end of
 * one string and the start of another). Immutable.
 */
final class KnownSecrets {

    /** Characters of a secret that are removed wherever they appear in a row. */
    static final int FRAGMENT = 12;

    static final KnownSecrets NONE = new KnownSecrets(List.of());

    private final List<SecretForms> secrets;
    private final Set<String> windows = new HashSet<>();

    private KnownSecrets(List<SecretForms> secrets) {
        this.secrets = secrets;
        for (SecretForms s : secrets) {
            String v = s.value();
            for (int i = 0; i + FRAGMENT <= v.length(); i++) {
                windows.add(v.substring(i, i + FRAGMENT));
            }
        }
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
        String out = text;
        for (SecretForms s : secrets) {
            out = s.redact(out);
        }
        return withoutFragments(out);
    }

    private String withoutFragments(String text) {
        if (text.length() < FRAGMENT || windows.isEmpty()) {
            return text;
        }
        StringBuilder sb = null;
        int done = 0;
        int i = 0;
        while (i + FRAGMENT <= text.length()) {
            if (!windows.contains(text.substring(i, i + FRAGMENT))) {
                i++;
                continue;
            }
            int end = i + FRAGMENT;
            // consecutive windows of one copy run on; so does a window starting inside the one found
            while (end < text.length() && windows.contains(text.substring(end + 1 - FRAGMENT, end + 1))) {
                end++;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, done, i).append(Redactor.MARK);
            done = end;
            i = end;
        }
        return sb == null ? text : sb.append(text, done, text.length()).toString();
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
        Set<Integer> points = new HashSet<>();
        if (text == null || text.isEmpty()) {
            return points;
        }
        int n = v.length();
        char edge = ending ? text.charAt(text.length() - 1) : text.charAt(0);
        for (int k = 1; k < n; k++) {
            if (ending ? v.charAt(k - 1) == edge && text.endsWith(v.substring(0, k))
                    : v.charAt(k) == edge && text.startsWith(v.substring(k))) {
                points.add(k);
            }
        }
        return points;
    }
}
