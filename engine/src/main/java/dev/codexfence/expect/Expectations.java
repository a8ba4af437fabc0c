package dev.codexfence.expect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One expectations file: for one stack, the expected outcome of every probe in every mode it lists.
 *
 * @param source where it was read from (a path), or what made it
 * @param stack the stack it is about
 * @param probes probe id → mode → expected outcome
 */
public record Expectations(String source, StackId stack, Map<String, Map<String, ExpectedOutcome>> probes) {

    public static final String SCHEMA_VERSION = "cfexp-v1";

    public Expectations {
        Map<String, Map<String, ExpectedOutcome>> copy = new LinkedHashMap<>();
        probes.forEach((probe, modes) -> copy.put(probe, Collections.unmodifiableMap(new LinkedHashMap<>(modes))));
        probes = Collections.unmodifiableMap(copy);
    }

    public Optional<ExpectedOutcome> find(String probeId, String mode) {
        return Optional.ofNullable(probes.getOrDefault(probeId, Map.of()).get(mode));
    }

    public boolean lists(String probeId) {
        return probes.containsKey(probeId);
    }

    /** The number of probe × mode entries. */
    public int size() {
        return probes.values().stream().mapToInt(Map::size).sum();
    }

    public Expectations withSource(String newSource) {
        return new Expectations(newSource, stack, probes);
    }
}
