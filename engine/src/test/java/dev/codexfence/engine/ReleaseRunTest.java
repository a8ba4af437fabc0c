package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.release.PinnedReleases;
import dev.codexfence.engine.internal.release.ResolvedRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A run over several real codex releases: each runs the codex modes on a stack of its own (detection, stack facts,
 * preflights), baseline runs once, every record goes into the run's one NDJSON file (the release told apart by
 * {@code stack.codex_npm_version}), sequentially or in parallel; a release that cannot run here is a skipped
 * container with the exact reason, and the others run.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class ReleaseRunTest {

    @TempDir
    Path out;

    private static Map<String, String> config(String versions, boolean parallel) {
        Map<String, String> c = new HashMap<>(Map.of(
                Constants.MODES,
                "baseline,codex-sandbox",
                Constants.CODEX_VERSIONS,
                versions,
                Constants.TIMEOUT_SECONDS,
                "60",
                Constants.EXPECTATIONS_ENABLED,
                "false"));
        if (parallel) {
            c.put(Constants.PARALLEL_ENABLED, "true");
            c.put(Constants.PARALLEL_CONFIG_PREFIX + "strategy", "fixed");
            c.put(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", "4");
        }
        return c;
    }

    private List<JsonNode> ndjson() throws IOException {
        return Files.readAllLines(Fixtures.onlyNdjson(out)).stream()
                .map(l -> (JsonNode) FenceJson.MAPPER.readTree(l))
                .toList();
    }

    @ParameterizedTest(name = "parallel={0}")
    @ValueSource(booleans = {false, true})
    void twoReleasesRunSideBySideInOneNdjsonAndBaselineOnce(boolean parallel) throws IOException {
        PinnedReleases.require("0.80.0");
        PinnedReleases.require("0.120.0");
        var results = Fixtures.kit(
                        out,
                        config("0.120.0,0.80.0", parallel),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_home.sh")
                                .toFile()))
                .execute();

        results.testEvents()
                .assertStatistics(s -> s.started(3).succeeded(3).failed(0).skipped(0));
        Map<String, JsonNode> byTest = Fixtures.recordsByTest(results);
        assertThat(byTest)
                .containsOnlyKeys(
                        "fx_write_home [baseline]",
                        "fx_write_home [codex-sandbox, codex 0.80.0]",
                        "fx_write_home [codex-sandbox, codex 0.120.0]");
        // Landlock in 0.80.0, bubblewrap in 0.120.0: the difference a history shows
        JsonNode landlock = byTest.get("fx_write_home [codex-sandbox, codex 0.80.0]");
        assertThat(landlock.at("/result/errno").asString()).isEqualTo("EACCES");
        assertThat(landlock.at("/stack/codex_npm_version").asString()).isEqualTo("0.80.0");
        assertThat(landlock.at("/stack/codex_cli_version").asString()).isEqualTo("0.80.0");
        assertThat(landlock.at("/stack/sandbox_interface").asString()).isEqualTo("sandbox-os");
        JsonNode bubblewrap = byTest.get("fx_write_home [codex-sandbox, codex 0.120.0]");
        assertThat(bubblewrap.at("/result/errno").asString()).isEqualTo("EROFS");
        assertThat(bubblewrap.at("/stack/codex_npm_version").asString()).isEqualTo("0.120.0");
        // baseline involves no codex: no version at all
        JsonNode baseline = byTest.get("fx_write_home [baseline]");
        assertThat(baseline.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(baseline.at("/stack/codex_cli_version").isNull()).isTrue();
        assertThat(baseline.get("stack").has("codex_npm_version")).isFalse();

        // one file, sorted: probe and mode, then the releases in version order
        List<JsonNode> lines = ndjson();
        assertThat(lines)
                .extracting(n -> n.at("/run/mode").asString() + " "
                        + n.at("/stack/codex_npm_version").asString(""))
                .containsExactly("baseline ", "codex-sandbox 0.80.0", "codex-sandbox 0.120.0");
        assertThat(lines).noneMatch(n -> n.toString().contains("preflight"));
    }

    @Test
    void aReleaseThatCannotRunHereIsASkippedContainerWithTheExactReason() throws IOException {
        PinnedReleases.require("0.80.0");
        ResolvedRelease.Skipped unrunnable = PinnedReleases.requireUnrunnable();
        var results = Fixtures.kit(
                        out,
                        config("0.80.0," + PinnedReleases.UNRUNNABLE, false),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_ws.sh")
                                .toFile()))
                .execute();

        results.containerEvents()
                .skipped()
                .assertThatEvents()
                .hasSize(1)
                .haveExactly(
                        1,
                        event(
                                container(),
                                displayName("codex " + PinnedReleases.UNRUNNABLE),
                                skippedWithReason(
                                        "codex " + PinnedReleases.UNRUNNABLE + " is skipped: " + unrunnable.reason())));
        assertThat(unrunnable.reason()).contains("offers neither 'codex sandbox' nor 'codex debug landlock'");
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertThat(Fixtures.recordsByTest(results))
                .containsOnlyKeys("fx_write_ws [baseline]", "fx_write_ws [codex-sandbox, codex 0.80.0]");
        assertThat(ndjson()).hasSize(2).noneMatch(n -> n.toString().contains(PinnedReleases.UNRUNNABLE));
    }
}
