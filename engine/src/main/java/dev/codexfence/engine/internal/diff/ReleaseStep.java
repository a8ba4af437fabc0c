package dev.codexfence.engine.internal.diff;

import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.Release;

/**
 * Records of one host line compared across two releases: the old side's release and the new side's.
 */
public record ReleaseStep(HostLine host, Release from, Release to) {

    /** {@code codex 0.80.0 → codex 0.120.0}. */
    public String describe() {
        return from.describe() + " → " + to.describe();
    }
}
