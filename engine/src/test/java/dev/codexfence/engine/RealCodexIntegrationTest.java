package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.mode.CodexDetector;
import dev.codexfence.engine.internal.mode.CodexInterface;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.testing.RequiredTool;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the real codex CLI that {@code bin/install-codex} (and so {@code .ci/run}) installs. Without it the
 * tests are skipped, each with the reason, locally and fail in CI, where it must be present.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class RealCodexIntegrationTest {

    /** Without codex each test is skipped with the reason (fails where CI=true). */
    @RegisterExtension
    static final RequiredTool CODEX = RequiredTool.codex();

    @TempDir
    Path out;

    private Path codex;

    @BeforeEach
    void codex() {
        codex = CODEX.path();
    }

    @Test
    void detectsTheInstalledInterfaceByAskingTheCli() {
        var detection = new CodexDetector(new ProcessRunner(), System.getenv())
                .detect(codex, Platform.current().orElseThrow());
        assertThat(detection.found()).as(detection.problem()).isTrue();
        assertThat(detection.cli().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(detection.cli().sandboxInterface()).isEqualTo(CodexInterface.SANDBOX_PROFILE);
        assertThat(detection.cli().profileFlag()).startsWith("--permission");
    }

    @Test
    void theExtraModesRunThroughTheRealCliWithTheirPolicies() {
        var results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                "codex-read-only,codex-workspace-net",
                                Constants.CODEX_PATH,
                                codex.toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0).skipped(0));
        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        JsonNode readOnly = records.get("fx_write_ws [codex-read-only]");
        assertThat(readOnly.at("/result/observed_result").asString()).isEqualTo("denied");
        assertThat(readOnly.at("/stack/sandbox_mode").asString()).isEqualTo("read-only");
        JsonNode net = records.get("fx_write_ws [codex-workspace-net]");
        assertThat(net.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(net.at("/stack/sandbox_mode").asString()).isEqualTo("workspace-write");
        assertThat(net.at("/stack/codex_profile").asString()).isEqualTo("workspace-write+network");
    }

    @Test
    void workspaceWriteSucceedsInTheSandboxWhileAHomeWriteIsDeniedThereAndAllowedInBaseline() {
        var results = Fixtures.kit(
                        out,
                        Map.of(Constants.MODES, "baseline,codex-sandbox", Constants.CODEX_PATH, codex.toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_ws.sh")
                                .toFile()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_home.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0).skipped(0));
        Map<String, JsonNode> records = Fixtures.recordsByTest(results);

        JsonNode wsSandbox = records.get("fx_write_ws [codex-sandbox]");
        assertThat(wsSandbox.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(wsSandbox.at("/stack/sandbox_mode").asString()).isEqualTo("workspace-write");
        assertThat(wsSandbox.at("/stack/sandbox_interface").asString()).isEqualTo("sandbox-profile");
        assertThat(wsSandbox.at("/stack/codex_cli_version").asString()).isNotBlank();

        JsonNode homeSandbox = records.get("fx_write_home [codex-sandbox]");
        assertThat(homeSandbox.at("/result/observed_result").asString()).isEqualTo("denied");
        assertThat(homeSandbox.at("/result/errno").asString()).isIn("EROFS", "EPERM", "EACCES");

        JsonNode homeBaseline = records.get("fx_write_home [baseline]");
        assertThat(homeBaseline.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(Path.of(homeBaseline.at("/operation/target").asString())).doesNotExist();
    }
}
