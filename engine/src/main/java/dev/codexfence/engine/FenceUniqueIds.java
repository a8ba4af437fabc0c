package dev.codexfence.engine;

import org.junit.platform.engine.UniqueId;

/**
 * The engine's unique ids, relative to the engine descriptor's own id (which is nested when the engine runs
 * inside a suite). Segment types are stable so that IDE reruns survive restarts. In a run over several codex
 * releases the codex-mode nodes sit below a {@code [codex:VERSION]} segment; everything else keeps the ids of the
 * plain tree.
 */
final class FenceUniqueIds {

    static final String RELEASE = "codex";
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

    UniqueId release(String label) {
        return engine.append(RELEASE, label);
    }

    /** The id nodes of {@code release} hang below: the release's, or the engine's for null. */
    UniqueId scope(ReleaseSlot release) {
        return release == null ? engine : release(release.label());
    }

    UniqueId capability(String capabilityId) {
        return capability(null, capabilityId);
    }

    UniqueId capability(ReleaseSlot release, String capabilityId) {
        return scope(release).append(CAPABILITY, capabilityId);
    }

    UniqueId probe(String capabilityId, String probeId) {
        return probe(null, capabilityId, probeId);
    }

    UniqueId probe(ReleaseSlot release, String capabilityId, String probeId) {
        return capability(release, capabilityId).append(PROBE, probeId);
    }

    UniqueId coverage(String capabilityId) {
        return capability(capabilityId).append(COVERAGE, COVERAGE_VALUE);
    }
}
