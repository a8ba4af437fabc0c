package dev.codexfence.engine;

import org.junit.platform.engine.UniqueId;

/** The segment types of the engine's unique ids; stable so that IDE reruns survive restarts. */
final class FenceUniqueIds {

    static final String CAPABILITY = "capability";
    static final String PROBE = "probe";
    static final String MODE = "mode";
    static final String COVERAGE = "coverage";
    static final String COVERAGE_VALUE = "missing";
    static final String BROKEN = "broken-probe";

    private FenceUniqueIds() {}

    static UniqueId engine() {
        return UniqueId.forEngine(Constants.ENGINE_ID);
    }

    static UniqueId capability(String capabilityId) {
        return engine().append(CAPABILITY, capabilityId);
    }

    static UniqueId probe(String capabilityId, String probeId) {
        return capability(capabilityId).append(PROBE, probeId);
    }

    static UniqueId coverage(String capabilityId) {
        return capability(capabilityId).append(COVERAGE, COVERAGE_VALUE);
    }
}
