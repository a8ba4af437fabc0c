package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.release.PinnedReleases;
import dev.codexfence.engine.internal.release.ResolvedRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EventConditions;
import tools.jackson.databind.JsonNode;

/**
 * The engine runs every pinned release (one per CLI generation, as .ci/run installs them) in all four codex modes:
 * the preflight passes for every mode the generation expresses, each gives a real observation with its policy,
 * and a mode the generation cannot express is skipped with that reason — no preflight record, no error record.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class PinnedReleasesEngineTest {

    @TempDir
    Path out;

    static Stream<Arguments> releases() {
        return Stream.of(
                Arguments.of("0.1.2505291658", true, "debug"),
                Arguments.of("0.40.0", false, "debug"),
                Arguments.of("0.80.0", false, "sandbox-os"),
                Arguments.of("0.120.0", false, "sandbox-os"),
                Arguments.of("0.133.0", true, "sandbox-os"),
                Arguments.of("0.140.0", true, "sandbox-profile"),
                Arguments.of("0.171.0", true, "sandbox-profile"));
    }

    @ParameterizedTest(name = "codex {0}")
    @MethodSource("releases")
    void everyModeTheGenerationExpressesPassesItsPreflightAndObservesItsPolicy(
            String version, boolean fullAccess, String sandboxInterface) throws IOException {
        ResolvedRelease.Ready release = PinnedReleases.require(version);
        var results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                "codex-sandbox,codex-read-only,codex-workspace-net,codex-full",
                                Constants.CODEX_PATH,
                                PinnedReleases.launcher(release).toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_ws.sh")
                                .toFile()))
                .execute();

        int expressed = fullAccess ? 4 : 3;
        results.testEvents()
                .assertStatistics(s -> s.succeeded(expressed).failed(0).skipped(4 - expressed));
        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        assertThat(records).hasSize(expressed);
        assertThat(records.get("fx_write_ws [codex-read-only]")
                        .at("/result/observed_result")
                        .asString())
                .isEqualTo("denied");
        for (String mode : fullAccess
                ? new String[] {"codex-sandbox", "codex-workspace-net", "codex-full"}
                : new String[] {"codex-sandbox", "codex-workspace-net"}) {
            JsonNode r = records.get("fx_write_ws [" + mode + "]");
            assertThat(r.at("/result/observed_result").asString()).as(mode).isEqualTo("success");
            assertThat(r.at("/stack/sandbox_interface").asString()).isEqualTo(sandboxInterface);
        }
        if (!fullAccess) {
            results.testEvents()
                    .skipped()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            EventConditions.event(
                                    EventConditions.displayName("fx_write_ws [codex-full]"),
                                    EventConditions.skippedWithReason(
                                            r -> r.contains("cannot run a command under :danger-full-access"))));
        }
        String ndjson = Files.readString(Fixtures.onlyNdjson(out));
        assertThat(ndjson)
                .contains("\"fx_write_ws\"")
                .doesNotContain("codex_fence_preflight")
                .doesNotContain("preflight_failed");
    }
}
