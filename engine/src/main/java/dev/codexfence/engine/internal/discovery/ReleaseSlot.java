package dev.codexfence.engine.internal.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.release.ReleaseVersion;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestTag;

/**
 * One codex release of a run over several: a version to install and run, or a spec that named none (an
 * unpublished version, an empty range, no list of releases) with the reason.
 *
 * @param label the version as npm names it, or the spec that named no version: the value of the node's
 *     {@code [codex:LABEL]} unique-id segment
 * @param version the release, empty when the spec named none
 * @param problem why the spec named no release, or null
 */
@API(status = INTERNAL, since = "0.1")
public record ReleaseSlot(String label, Optional<ReleaseVersion> version, String problem) {

    /** The prefix of the tag every test below a release carries: {@code codex_0.80.0}. */
    public static final String TAG_PREFIX = "codex_";

    /** {@code codex 0.80.0}: the container's display name, and what a test's display name adds. */
    public String displayName() {
        return "codex " + label;
    }

    /**
     * {@code codex_0.80.0}: the version as it is (JUnit tags allow dots, hyphens and plus signs; they forbid only
     * whitespace, ISO control characters and {@code , ( ) & | !}), so {@code -Dgroups=codex_0.80.0} selects one
     * release. Empty for a label no tag can carry.
     */
    public Optional<TestTag> tag() {
        String name = TAG_PREFIX + label;
        return TestTag.isValid(name) ? Optional.of(TestTag.create(name)) : Optional.empty();
    }
}
