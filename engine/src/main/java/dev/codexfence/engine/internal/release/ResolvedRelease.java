package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.mode.CodexCli;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** One codex release a run asked for: ready to run, or skipped with the exact reason. */
@API(status = INTERNAL, since = "0.1")
public sealed interface ResolvedRelease permits ResolvedRelease.Ready, ResolvedRelease.Skipped {

    /** The version as npm names it, or the spec that named no version. */
    String label();

    /**
     * Installed, checked and detected.
     *
     * @param install the install folder in the cache
     * @param cli its sandbox interface, as detected
     */
    record Ready(ReleaseVersion version, Path install, CodexCli cli) implements ResolvedRelease {
        @Override
        public String label() {
            return version.text();
        }
    }

    /** Not runnable here: why (npm's message, the exit code, the integrity mismatch, …). */
    record Skipped(String label, String reason) implements ResolvedRelease {}
}
