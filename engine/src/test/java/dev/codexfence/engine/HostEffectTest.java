package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The harness checks from outside the fence what probes say they did (fixtures in src/test/fixtures/effects). */
class HostEffectTest {

    @TempDir
    Path out;

    private Map<String, JsonNode> run(Map<String, String> config, String... probes) {
        var selectors = java.util.Arrays.stream(probes)
                .map(p -> selectFile(Fixtures.tree("effects").resolve(p + ".sh").toString()))
                .toArray(org.junit.platform.engine.DiscoverySelector[]::new);
        var results = Fixtures.kit(out, config, selectors).execute();
        results.testEvents().assertStatistics(s -> s.failed(0));
        return Fixtures.recordsByTest(results);
    }

    @Test
    void aWriteThatReachedTheHostIsPresentAndIsRemovedByTheHarness() {
        JsonNode r = run(Map.of(), "fx_effect_outside").get("fx_effect_outside [baseline]");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/host_effect").asString()).isEqualTo("present");
        assertThat(Path.of(r.at("/payload/raw/host_effect_path").asString())).doesNotExist();
    }

    @Test
    void aFileDeepInTheWorkspaceIsRemovedWithTheFoldersItLeavesEmpty() {
        // run() asserts no failure: the probe's folders would otherwise fail it as workspace leftovers
        JsonNode r = run(Map.of(), "fx_effect_nested").get("fx_effect_nested [baseline]");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/host_effect").asString()).isEqualTo("present");
        assertThat(r.at("/payload/raw/host_effect_path").asString()).contains("/.codex-fence-fx_effect_nested-");
    }

    @Test
    void aClaimedWriteAbsentOnTheHostBecomesPartial() {
        JsonNode r = run(Map.of(), "fx_effect_claims").get("fx_effect_claims [baseline]");
        assertThat(r.at("/payload/raw/host_effect").asString()).isEqualTo("absent");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("partial");
        assertThat(r.at("/result/message").asString()).contains("absent on the host: the write was contained");
    }

    @Test
    void aSignalledOutsideProcessIsCheckedAlive() {
        JsonNode r = run(Map.of(), "fx_effect_signal").get("fx_effect_signal [baseline]");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/host_effect").asString()).isEqualTo("alive");
    }

    @Test
    @ExtendWith(RequiredTool.Codex.class) // without codex: skipped with the reason (fails where CI=true)
    void devShmInsideCodexIsContainedWhileBaselineReachesTheHost() {
        Path codex = RequiredTool.codex().path();
        Map<String, JsonNode> records = run(
                Map.of(Constants.MODES, "baseline,codex-sandbox", Constants.CODEX_PATH, codex.toString()),
                "fx_effect_shm",
                "fx_effect_signal");
        JsonNode base = records.get("fx_effect_shm [baseline]");
        assertThat(base.at("/payload/raw/host_effect").asString()).isEqualTo("present");
        assertThat(base.at("/result/observed_result").asString()).isEqualTo("success");
        JsonNode sandbox = records.get("fx_effect_shm [codex-sandbox]");
        assertThat(sandbox.at("/payload/raw/host_effect").asString()).isEqualTo("absent");
        assertThat(sandbox.at("/result/observed_result").asString()).isEqualTo("partial");
        assertThat(Files.exists(Path.of(base.at("/payload/raw/host_effect_path").asString())))
                .isFalse();
        JsonNode signal = records.get("fx_effect_signal [codex-sandbox]");
        assertThat(signal.at("/result/observed_result").asString()).isEqualTo("denied");
        assertThat(signal.at("/result/errno").asString()).isEqualTo("ESRCH");
        assertThat(signal.at("/payload/raw/host_effect").asString()).isEqualTo("alive");
    }
}
