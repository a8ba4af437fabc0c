package dev.codexfence.engine.internal.release;

import dev.codexfence.engine.internal.catalog.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The codex releases CI installs into the per-user cache ({@code .ci/run} calls {@code bin/install-codex} with
 * exactly these; {@code PinnedReleasesTest} keeps the two in step): one of every CLI generation that runs on Linux.
 * 0.169.0, the project's pinned release, is in {@code .tools/codex} and tested there.
 */
public final class PinnedReleases {

    /** Ascending. */
    public static final List<String> VERSIONS =
            List.of("0.1.2505291658", "0.40.0", "0.80.0", "0.120.0", "0.133.0", "0.140.0", "0.171.0");

    /**
     * A release that installs but cannot run here: JavaScript only, with neither {@code codex sandbox} nor
     * {@code codex debug}. {@code .ci/run} installs it too, so the skip of a release is tested with a real one.
     */
    public static final String UNRUNNABLE = "0.1.2504172351";

    private PinnedReleases() {}

    /**
     * The installed release {@link #UNRUNNABLE}, skipped by detection as it must be; aborts the test where it is not
     * installed (fails under CI=true).
     */
    public static ResolvedRelease.Skipped requireUnrunnable() {
        Map<String, String> env = System.getenv();
        CodexReleases releases = CodexReleases.forUser(env);
        Optional<ResolvedRelease> found =
                releases.installed(ReleaseVersion.parse(UNRUNNABLE).orElseThrow());
        String missing = "codex " + UNRUNNABLE + " is not installed in " + releases.cacheDirectory()
                + " (run bin/install-codex " + UNRUNNABLE + ")";
        if (found.isEmpty() && "true".equals(env.get("CI"))) {
            throw new AssertionError("CI must install the unrunnable codex release first: " + missing);
        }
        Assumptions.assumeTrue(found.isPresent(), missing);
        Assumptions.assumeTrue(
                Platform.current().orElse(null) == Platform.LINUX, "the pinned releases are checked on Linux");
        if (found.get() instanceof ResolvedRelease.Skipped s) {
            return s;
        }
        throw new AssertionError(
                "codex " + UNRUNNABLE + " was expected not to run here, but it was detected: " + found.get());
    }

    /**
     * The installed and detected release {@code version}; aborts the test where it is not installed (fails under
     * CI=true, where {@code .ci/run} must have installed it).
     */
    public static ResolvedRelease.Ready require(String version) {
        Map<String, String> env = System.getenv();
        CodexReleases releases = CodexReleases.forUser(env);
        ReleaseVersion v = ReleaseVersion.parse(version).orElseThrow();
        Optional<ResolvedRelease> found = releases.installed(v);
        String missing = "codex " + version + " is not installed in " + releases.cacheDirectory()
                + " (run bin/install-codex " + String.join(" ", VERSIONS) + ")";
        if (found.isEmpty() && "true".equals(env.get("CI"))) {
            throw new AssertionError("CI must install the pinned codex releases first: " + missing);
        }
        Assumptions.assumeTrue(found.isPresent(), missing);
        Assumptions.assumeTrue(
                Platform.current().orElse(null) == Platform.LINUX, "the pinned releases are checked on Linux");
        if (found.get() instanceof ResolvedRelease.Skipped s) {
            throw new AssertionError("codex " + version + " is installed but cannot run: " + s.reason());
        }
        return (ResolvedRelease.Ready) found.get();
    }

    public static Path launcher(ResolvedRelease.Ready r) {
        return CodexInstaller.launcher(r.install());
    }
}
