package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.Release;
import org.apiguardian.api.API;

/**
 * Records of one host line compared across two releases: the old side's release and the new side's.
 */
@API(status = INTERNAL, since = "0.1")
public record ReleaseStep(HostLine host, Release from, Release to) {

    /** {@code codex 0.80.0 → codex 0.120.0}. */
    public String describe() {
        return from.describe() + " → " + to.describe();
    }
}
