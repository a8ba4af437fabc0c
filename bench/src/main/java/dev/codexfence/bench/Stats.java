package dev.codexfence.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Summary of a series of durations, in milliseconds. */
record Stats(int count, double medianMs, double meanMs, double p10Ms, double p90Ms, double minMs, double maxMs) {

    static Stats ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        return new Stats(n, ms(median), ms(mean), ms(sorted.get((int) Math.floor(0.1 * (n - 1)))),
                ms(sorted.get((int) Math.ceil(0.9 * (n - 1)))), ms(sorted.get(0)), ms(sorted.get(n - 1)));
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }

    /** "median 4.12 ms, mean 4.50 ms, p10 3.90, p90 5.20, min 3.70, max 9.10 (n=200)" */
    String describe() {
        return String.format(Locale.ROOT, "median %7.2f ms, mean %7.2f ms, p10 %6.2f, p90 %6.2f, min %6.2f, max %7.2f (n=%d)",
                medianMs, meanMs, p10Ms, p90Ms, minMs, maxMs, count);
    }
}
