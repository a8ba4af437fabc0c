package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Platform;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From specs to releases, without installing (fake npm on PATH). */
class CodexReleasesTest {

    @TempDir
    Path tmp;

    private CodexReleases releases(FakeNpm npm) {
        return new CodexReleases(
                npm.npm(),
                tmp.resolve("cache"),
                npm.environment(),
                Platform.LINUX,
                Clock.systemUTC(),
                Duration.ofSeconds(30));
    }

    private static List<String> labels(List<CodexReleases.Selected> selected) {
        return selected.stream()
                .map(s -> s.version().map(ReleaseVersion::text).orElse(s.spec() + ": " + s.problem()))
                .toList();
    }

    @Test
    void specsBecomeDistinctVersionsInVersionOrderAndUnpublishedOnesAreSkippedWithTheirNeighbours() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        var selected = releases(npm)
                .select(VersionSpec.parseList("latest,0.46.0,0.40.0,0.169.0..latest,0.2.0..0.7.0"), m -> {});
        assertThat(labels(selected))
                .hasSize(5)
                .startsWith(
                        "0.40.0",
                        "0.169.0",
                        "0.171.0",
                        "0.46.0: 0.46.0 is not a published version of @openai/codex (nearest releases: 0.45.0, 0.47.0)");
        assertThat(labels(selected).get(4))
                .startsWith("0.2.0..0.7.0: no stable release of @openai/codex in 0.2.0..0.7.0" + " (releases listed ");
        assertThat(npm.calls()).hasSize(1);
    }

    @Test
    void withoutNpmAndWithoutACachedListOnlyExactVersionsGoOnAndTheRestAreSkippedWithNpmsReason() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).offline();
        var selected = releases(npm).select(VersionSpec.parseList("0.40.0,latest"), m -> {});
        assertThat(selected.get(0).version()).map(ReleaseVersion::text).contains("0.40.0");
        assertThat(selected.get(1).problem()).startsWith("cannot list the releases of @openai/codex (`npm view");
    }

    @Test
    void aReleaseThatCannotBeInstalledIsSkippedWithNpmsMessage() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        var resolved = releases(npm).resolve(VersionSpec.parseList("0.40.0"), m -> {});
        assertThat(resolved)
                .singleElement()
                .isInstanceOfSatisfying(
                        ResolvedRelease.Skipped.class,
                        s -> assertThat(s.reason())
                                .contains("npm error notarget No matching version found for @openai/codex@0.40.0."));
    }
}
