package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.Constants;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One part of a run's matrix, {@code K/N} ({@link Constants#SHARD}, CLI {@code --shard}): of the selection's tests
 * (release × probe × mode cells, coverage and contract tests), sorted by their unique id below the engine, shard
 * {@code K} takes the 1st-based positions {@code K}, {@code K+N}, {@code K+2N}, … So for any {@code N}, every test
 * is in exactly one of the shards {@code 1/N} … {@code N/N}, and their sizes differ by at most one. Hosts that
 * discover the same selection (same probe root, modes, releases and platform) agree on the parts without talking
 * to each other: an existing CI engine spreads a matrix over {@code N} jobs.
 *
 * @param index K, from 1
 * @param count N
 */
@API(status = INTERNAL, since = "0.1")
public record Shard(int index, int count) {

    /** The most shards a matrix is split into. */
    public static final int MAX_COUNT = 10_000;

    /** The accepted form, for error messages. */
    public static final String FORM = "K/N: shard K of N, with 1 <= K <= N <= " + MAX_COUNT + " (e.g. 2/8)";

    private static final Pattern SHAPE = Pattern.compile("([1-9]\\d{0,4})/([1-9]\\d{0,4})");

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not " + FORM);
        }
    }

    /** {@code K/N}, or empty when {@code text} is anything else. */
    public static Optional<Shard> parse(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return k <= n && n <= MAX_COUNT ? Optional.of(new Shard(k, n)) : Optional.empty();
    }

    /**
     * This shard's part of {@code cells}: sorted by {@code key} (which must tell every two cells apart), then every
     * {@code N}th from position {@code K}. The order of {@code cells} does not matter.
     */
    public <T> List<T> select(List<T> cells, Function<T, String> key) {
        List<T> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparing(key));
        List<T> mine = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            mine.add(sorted.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
