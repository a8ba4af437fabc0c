package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * .ci/run installs exactly the releases the generation tests expect, and the generations are all there;
 * then the release the tests of a skipped release use.
 */
class PinnedReleasesTest {

    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();

    @Test
    void ciInstallsThePinnedReleasesIntoTheCache() throws IOException {
        List<List<String>> installs = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve(".ci/run"))) {
            if (line.startsWith("bin/install-codex ")) {
                // "|| true": install-codex exits 1 for a release it skips, which the unrunnable one is
                String versions = line.substring("bin/install-codex ".length()).replaceFirst("\\|\\|\\s*true\\s*$", "");
                installs.add(List.of(versions.strip().split("\\s+")));
            }
        }
        assertThat(installs).containsExactly(PinnedReleases.VERSIONS, List.of(PinnedReleases.UNRUNNABLE));
        assertThat(PinnedReleases.VERSIONS.stream()
                        .map(v -> ReleaseVersion.parse(v).orElseThrow())
                        .sorted()
                        .map(ReleaseVersion::text)
                        .collect(Collectors.toList()))
                .isEqualTo(PinnedReleases.VERSIONS);
    }
}
