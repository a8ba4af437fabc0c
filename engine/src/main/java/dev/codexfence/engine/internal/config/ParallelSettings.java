package dev.codexfence.engine.internal.config;

import dev.codexfence.engine.Constants;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Checks the platform's parallel settings under {@link Constants#PARALLEL_CONFIG_PREFIX} before a run, so a
 * bad value is a configuration error naming the key instead of an opaque "failed to execute tests" when
 * the executor is built; and bounds the parallelism at {@link #MAX_PARALLELISM}.
 */
final class ParallelSettings {

    /**
     * The most probe runs at the same time. Each run holds a process tree (and a codex sandbox in codex modes),
     * a workspace copy and up to 2 MiB of capture buffers; past a few per core they only compete for the CPU,
     * and a probe that is starved long enough fails for its timeout, not for what the fence did.
     */
    static final int MAX_PARALLELISM = 64;

    /** The most worker threads the platform may add for blocked tests (its default is parallelism + 256). */
    static final int MAX_POOL_SIZE = MAX_PARALLELISM + 256;

    private static final String P = Constants.PARALLEL_CONFIG_PREFIX;

    private ParallelSettings() {}

    static void check(ConfigurationParameters params, boolean enabled) {
        String strategy = params.get(P + "strategy")
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .orElse("dynamic");
        if (!strategy.equals("fixed") && !strategy.equals("dynamic") && !strategy.equals("custom")) {
            throw new ConfigurationException(
                    P + "strategy", params.get(P + "strategy").orElse(""), "expected fixed, dynamic or custom");
        }
        Optional<Integer> fixed = whole(
                params,
                P + "fixed.parallelism",
                1,
                MAX_PARALLELISM,
                "expected a whole number of parallel runs from 1 to " + MAX_PARALLELISM);
        int parallelism = fixed.orElse(1);
        whole(
                params,
                P + "fixed.max-pool-size",
                parallelism,
                MAX_POOL_SIZE,
                "expected a whole number from " + parallelism + " (the parallelism) to " + MAX_POOL_SIZE);
        String factorBounds =
                "expected a number greater than 0 and at most " + MAX_PARALLELISM + " (parallel runs per core)";
        Optional<BigDecimal> factor = decimal(params, P + "dynamic.factor", factorBounds);
        if (factor.isPresent()
                && (factor.get().signum() <= 0 || factor.get().compareTo(BigDecimal.valueOf(MAX_PARALLELISM)) > 0)) {
            throw new ConfigurationException(
                    P + "dynamic.factor", params.get(P + "dynamic.factor").orElse(""), factorBounds);
        }
        Optional<BigDecimal> poolFactor =
                decimal(params, P + "dynamic.max-pool-size-factor", "expected a number from 1 to 10");
        if (poolFactor.isPresent()
                && (poolFactor.get().compareTo(BigDecimal.ONE) < 0
                        || poolFactor.get().compareTo(BigDecimal.TEN) > 0)) {
            throw new ConfigurationException(
                    P + "dynamic.max-pool-size-factor",
                    params.get(P + "dynamic.max-pool-size-factor").orElse(""),
                    "expected a number from 1 to 10");
        }
        for (String saturate : new String[] {P + "fixed.saturate", P + "dynamic.saturate"}) {
            params.get(saturate).map(String::strip).ifPresent(v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new ConfigurationException(saturate, v, "expected true or false");
                }
            });
        }
        if (enabled && strategy.equals("dynamic")) {
            int cores = Runtime.getRuntime().availableProcessors();
            int runs = Math.max(
                    1,
                    factor.orElse(BigDecimal.ONE)
                            .multiply(BigDecimal.valueOf(cores))
                            .intValue());
            if (runs > MAX_PARALLELISM) {
                throw new ConfigurationException(
                        P + "dynamic.factor",
                        factor.map(BigDecimal::toPlainString).orElse("1 (default)"),
                        "gives " + runs + " parallel runs on this machine's " + cores + " cores, more than the "
                                + MAX_PARALLELISM + " allowed; lower the factor or use strategy fixed");
            }
        }
    }

    private static Optional<Integer> whole(
            ConfigurationParameters params, String key, int min, int max, String expected) {
        Optional<String> text = params.get(key).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConfigurationException(key, text.get(), expected);
    }

    private static Optional<BigDecimal> decimal(ConfigurationParameters params, String key, String expected) {
        Optional<String> text = params.get(key).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.get()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, text.get(), expected);
        }
    }
}
