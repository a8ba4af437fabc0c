package dev.codexfence.cli;

import dev.codexfence.engine.internal.config.ConfigurationKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" for unknown ids: the nearest known ids by Levenshtein distance. */
final class Suggestions {

    private static final int MAX_SUGGESTIONS = 3;

    private Suggestions() {}

    /** Up to three known ids close to {@code query}, nearest first (ties in input order). */
    static List<String> nearest(String query, Collection<String> known) {
        String q = query.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, q.length() / 3);
        record Scored(String id, int distance, int index) {}
        List<Scored> scored = new ArrayList<>();
        int index = 0;
        for (String id : known) {
            String k = id.toLowerCase(Locale.ROOT);
            int d = distance(q, k);
            boolean contains = q.length() >= 4 && (k.contains(q) || q.contains(k));
            if (d <= threshold || contains) {
                scored.add(new Scored(id, contains ? Math.min(d, threshold) : d, index));
            }
            index++;
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::index));
        return scored.stream().limit(MAX_SUGGESTIONS).map(Scored::id).toList();
    }

    /**
     * {@code unknown WHAT "ID" in WHERE; did you mean a, b?} or, with nothing close,
     * {@code unknown WHAT "ID" in WHERE; HINT}.
     */
    static String unknown(String what, String id, String where, Collection<String> known, String hint) {
        List<String> near = nearest(id, known);
        String head = "unknown " + what + " \"" + id + "\" in " + where;
        if (!near.isEmpty()) {
            return head + "; did you mean " + String.join(", ", near) + "?";
        }
        return head + "; " + hint;
    }

    /** The Levenshtein distance (insertions, deletions, substitutions): the one the engine's key check uses. */
    static int distance(String a, String b) {
        return ConfigurationKeys.distance(a, b);
    }
}
