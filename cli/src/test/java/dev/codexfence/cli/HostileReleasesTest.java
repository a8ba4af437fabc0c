package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.release.PinnedReleases;
import dev.codexfence.engine.internal.run.RuntimeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The forging probe of fixtures/hostile/forge and its honest neighbour in a run over two releases that express full
 * access (0.140.0, 0.171.0), through the CLI: the releases share the run's helpers and workspaces, and the integrity
 * checks keep them honest across releases. In codex-full (the user's rights) each release's tampering run fails with
 * "harness integrity", naming its release; the helpers are restored before the neighbour of either release runs,
 * so both neighbours report the bundled helper and an untouched workspace. In codex-sandbox every write is refused.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileReleasesTest {

    private static final String FORGE = "hx_a_forge";
    private static final String NEIGHBOUR = "hx_b_neighbour";
    private static final List<String> RELEASES = List.of("0.140.0", "0.171.0");

    @TempDir
    static Path tmp;

    private static Path scratch;
    private static CliProcess.Result run;

    @BeforeAll
    static void runTheForgerAndTheNeighbourWithTwoReleases() throws Exception {
        RELEASES.forEach(PinnedReleases::require); // aborts (fails in CI) where .ci/run did not install them
        scratch = CliProcess.scratchRoot("hr");
        run = cli(
                        "--bang",
                        "--probes",
                        HostileRuns.fixture("forge").toString(),
                        "--mode",
                        "codex-sandbox,codex-full",
                        "--codex-version",
                        String.join(",", RELEASES),
                        "--output",
                        tmp.toString(),
                        "--timeout",
                        "60",
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.expectations.enabled=false",
                        "-c",
                        "codex-fence.scratch.dir=" + scratch)
                .timeout(Duration.ofSeconds(240))
                .run();
    }

    private static JsonNode record(String probe, String mode, String release) {
        List<JsonNode> found = HostileRuns.records(run).stream()
                .filter(n -> n.at("/probe/id").asString().equals(probe)
                        && n.at("/run/mode").asString().equals(mode)
                        && n.at("/stack/codex_npm_version").asString("").equals(release))
                .toList();
        assertThat(found)
                .as("the record of %s [%s] with codex %s in\n%s", probe, mode, release, run)
                .hasSize(1);
        return found.get(0);
    }

    @Test
    void inCodexFullEachReleasesTamperingRunFailsNamingItsRelease() {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        for (String release : RELEASES) {
            assertThat(run.stderr())
                    .as(run.toString())
                    .contains("codex-fence: FAILED " + FORGE + " [codex-full, codex " + release
                            + "]: harness integrity:" + " the helpers in FENCE_BIN (")
                    .contains("; restored from the harness's in-memory copy; made by the probe run " + FORGE
                            + " [codex-full] (codex " + release + ")");
            JsonNode r = record(FORGE, "codex-full", release);
            assertThat(r.at("/result/observed_result").asString()).isEqualTo("error");
            assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("harness_integrity");
        }
        assertThat(run.stderr()).doesNotContain("FAILED " + NEIGHBOUR);
    }

    @Test
    void eachReleasesNeighbourFindsTheBundledHelperAndAnUntouchedWorkspace() throws Exception {
        String bundled = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(RuntimeLayout.bundled().get("emit-record")));
        for (String release : RELEASES) {
            for (String mode : List.of("codex-full", "codex-sandbox")) {
                JsonNode r = record(NEIGHBOUR, mode, release);
                assertThat(r.at("/result/observed_result").asString())
                        .as("%s %s", mode, release)
                        .isEqualTo("success");
                assertThat(r.at("/payload/raw/helper_sha256").asString())
                        .as("%s %s", mode, release)
                        .isEqualTo(bundled);
                // codex's own empty mount points (.codex, .agents) show inside its sandbox; nothing else is added
                assertThat(r.at("/result/message").asString().replaceAll(" \\./\\.(codex|agents|aws)(?= )", ""))
                        .as("%s %s", mode, release)
                        .isEqualTo("workspace: . ./README.md ./src ./src/hello.txt");
            }
        }
    }

    @Test
    void inCodexSandboxEveryReleaseRefusesEveryWrite() {
        for (String release : RELEASES) {
            JsonNode r = record(FORGE, "codex-sandbox", release);
            assertThat(r.at("/result/observed_result").asString())
                    .as(r.toString())
                    .isEqualTo("success");
            assertThat(r.at("/payload/raw/helper").asString()).isEqualTo("refused");
            assertThat(r.at("/payload/raw/planted").asString()).isEqualTo("0");
            assertThat(run.stderr()).doesNotContain("FAILED " + FORGE + " [codex-sandbox, codex " + release + "]");
        }
    }

    @Test
    void theRunLeavesNothingInTheScratchRoot() throws Exception {
        try (var entries = Files.list(scratch)) {
            assertThat(entries.toList()).isEmpty();
        }
        assertThat(run.stderr()).doesNotContain("harness scratch:");
    }
}
