package dev.codexfence.engine;

import org.junit.platform.engine.UniqueId;

/**
 * The engine's unique ids, relative to the engine descriptor's own id (which is nested when the engine runs
 * inside a suite). Segment types are stable so that IDE reruns survive restarts.
 */
final class FenceUniqueIds {

    static final String CAPABILITY = "capability";
    static final String PROBE = "probe";
    static final String MODE = "mode";
    static final String COVERAGE = "coverage";
    static final String COVERAGE_VALUE = "missing";
    static final String BROKEN = "broken-probe";

    private final UniqueId engine;

    FenceUniqueIds(UniqueId engine) {
        this.engine = engine;
    }

    UniqueId engine() {
        return engine;
    }

    /** The segments of {@code id} below the engine, or null when {@code id} is not below this engine. */
    java.util.List<UniqueId.Segment> relative(UniqueId id) {
        if (!id.hasPrefix(engine) || id.equals(engine)) {
            return null;
        }
        java.util.List<UniqueId.Segment> all = id.getSegments();
        return all.subList(engine.getSegments().size(), all.size());
    }

    UniqueId capability(String capabilityId) {
        return engine.append(CAPABILITY, capabilityId);
    }

    UniqueId probe(String capabilityId, String probeId) {
        return capability(capabilityId).append(PROBE, probeId);
    }

    UniqueId coverage(String capabilityId) {
        return capability(capabilityId).append(COVERAGE, COVERAGE_VALUE);
    }
}
