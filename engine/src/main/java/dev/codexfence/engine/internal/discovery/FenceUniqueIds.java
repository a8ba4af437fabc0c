package dev.codexfence.engine.internal.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.junit.platform.engine.UniqueId;

/**
 * The engine's unique ids, relative to the engine descriptor's own id (which is nested when the engine runs
 * inside a suite). Segment types are stable so that IDE reruns survive restarts. In a run over several codex
 * releases the codex-mode nodes sit below a {@code [codex:VERSION]} segment; everything else keeps the ids of the
 * plain tree.
 *
 * <p>The segment types are public for the engine's own tools (the CLI reads its test plan by them); the ids
 * themselves are built here only.
 */
@API(status = INTERNAL, since = "0.1")
public final class FenceUniqueIds {

    /** A codex release's container, in a run over several releases: {@code [codex:0.80.0]}. */
    public static final String RELEASE = "codex";
    /** A capability's container: {@code [capability:cap_fs_write_user_home]}. */
    public static final String CAPABILITY = "capability";
    /** A probe's container, its value the probe id (the file name without {@code .sh}). */
    public static final String PROBE = "probe";
    /** A probe run's test, its value the run mode. */
    public static final String MODE = "mode";
    /** A capability's coverage test (no probe exercises it here), its value {@link #COVERAGE_VALUE}. */
    public static final String COVERAGE = "coverage";
    /** The value of every {@link #COVERAGE} segment. */
    public static final String COVERAGE_VALUE = "missing";
    /** A probe file that breaks the contract, its value the file name ({@code broken.sh}). */
    public static final String BROKEN = "broken-probe";

    private final UniqueId engine;

    public FenceUniqueIds(UniqueId engine) {
        this.engine = engine;
    }

    public UniqueId engine() {
        return engine;
    }

    public UniqueId release(String label) {
        return engine.append(RELEASE, label);
    }

    /** The id nodes of {@code release} hang below: the release's, or the engine's for null. */
    public UniqueId scope(ReleaseSlot release) {
        return release == null ? engine : release(release.label());
    }

    public UniqueId capability(String capabilityId) {
        return capability(null, capabilityId);
    }

    public UniqueId capability(ReleaseSlot release, String capabilityId) {
        return scope(release).append(CAPABILITY, capabilityId);
    }

    public UniqueId probe(String capabilityId, String probeId) {
        return probe(null, capabilityId, probeId);
    }

    public UniqueId probe(ReleaseSlot release, String capabilityId, String probeId) {
        return capability(release, capabilityId).append(PROBE, probeId);
    }

    public UniqueId coverage(String capabilityId) {
        return capability(capabilityId).append(COVERAGE, COVERAGE_VALUE);
    }
}
