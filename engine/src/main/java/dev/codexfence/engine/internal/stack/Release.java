package dev.codexfence.engine.internal.stack;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.release.ReleaseVersion;
import dev.codexfence.record.BoundaryObject;
import java.util.Comparator;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The codex release a record was made with, as the record names it ({@code stack.codex_npm_version} where present,
 * else {@code stack.codex_cli_version}: {@link BoundaryObject.Stack#codexRelease()}; null for a run without codex). Releases order like semver ({@link ReleaseVersion}: {@code 0.1.2505291658} before
 * {@code 0.8.0} before {@code 0.80.0} before {@code 0.120.0}, a pre-release before its release); "no codex"
 * comes first, and a version that is not semver comes after every semver one, by its text.
 *
 * <p>This is the one place that says which release a record belongs to.
 *
 * @param version the version text, or null for no codex
 */
@API(status = INTERNAL, since = "0.1")
public record Release(String version) implements Comparable<Release> {

    private static final Comparator<Release> ORDER = Comparator.comparing((Release r) -> r.version != null)
            .thenComparing(r -> r.parsed().isEmpty())
            .thenComparing((a, b) -> a.parsed().isPresent()
                    ? a.parsed().get().compareTo(b.parsed().get())
                    : 0)
            .thenComparing(r -> r.version == null ? "" : r.version);

    public static Release of(BoundaryObject.Stack stack) {
        return new Release(stack.codexRelease());
    }

    /** The version as {@link ReleaseVersion}, when it is semver. */
    public Optional<ReleaseVersion> parsed() {
        return ReleaseVersion.parse(version);
    }

    /** {@code 0.169.0}, or {@code no codex}. */
    public String label() {
        return version == null ? "no codex" : version;
    }

    /** {@code codex 0.169.0}, or {@code no codex}. */
    public String describe() {
        return version == null ? "no codex" : "codex " + version;
    }

    @Override
    public int compareTo(Release other) {
        return ORDER.compare(this, other);
    }
}
