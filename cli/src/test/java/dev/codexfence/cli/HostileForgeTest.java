package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.run.RuntimeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A probe that replaces {@code $FENCE_BIN/emit-record} with a forging wrapper (spelled indirectly) and plants files
 * in every other folder of the run's scratch folder, followed by an honest neighbour (fixtures/hostile/forge),
 * through the CLI: in codex-sandbox every write is refused; in baseline the tampering run fails with "harness
 * integrity" naming it, the helpers are restored, and the neighbour's record is the one a clean run gives.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileForgeTest {

    private static final String FORGE = "hx_a_forge";
    private static final String NEIGHBOUR = "hx_b_neighbour";

    @TempDir
    static Path tmp;

    private static Path scratch;
    private static CliProcess.Result hostile;
    private static CliProcess.Result clean;

    @BeforeAll
    static void runTheForgerThenTheNeighbourAloneOnAnotherRun() throws Exception {
        scratch = CliProcess.scratchRoot("hf");
        hostile = run("--bang", tmp.resolve("hostile"));
        clean = run("--rattle", tmp.resolve("clean"));
    }

    private static CliProcess.Result run(String command, Path out) throws Exception {
        CliProcess p = cli(
                command,
                "--probes",
                HostileRuns.fixture("forge").toString(),
                "--mode",
                HostileRuns.modesWithReadOnly(),
                "--output",
                out.toString(),
                "--timeout",
                "60",
                "-c",
                "codex-fence.coverage.missing=skip",
                "-c",
                "codex-fence.expectations.enabled=false",
                "-c",
                "codex-fence.scratch.dir=" + scratch);
        if (command.equals("--rattle")) {
            p.args("--probe", NEIGHBOUR);
        }
        HostileRuns.codex().ifPresent(c -> p.args("--codex", c.toString()));
        return p.timeout(Duration.ofSeconds(240)).run();
    }

    @Test
    void inBaselineTheTamperingRunFailsWithHarnessIntegrityNamingItself() {
        assertThat(hostile.exit()).as(hostile.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(hostile.stderr())
                .as(hostile.toString())
                .contains("codex-fence: FAILED " + FORGE + " [baseline]: harness integrity: the helpers in FENCE_BIN (")
                .contains(
                        "emit-record (",
                        "an added entry .real",
                        "; restored from the harness's in-memory copy; made by the" + " probe run " + FORGE
                                + " [baseline]")
                // the ready workspace it planted in is thrown away, blamed on it too
                .containsPattern("harness integrity: a ready workspace \\S+ was changed \\(added planted-by-hx_a_forge,"
                        + " src/planted-by-hx_a_forge\\); thrown away and a fresh one made; made by the probe run "
                        + FORGE + " \\[baseline\\]")
                .doesNotContain("FAILED " + NEIGHBOUR);
    }

    @Test
    void inBaselineTheTamperingRunsRecordIsTheHarnesssNotItsOwn() {
        JsonNode r = HostileRuns.record(hostile, FORGE, "baseline");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("error");
        assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("harness_integrity");
        assertThat(r.at("/result/message").asString()).startsWith("harness integrity: ");
    }

    @Test
    void theNeighbourFindsTheHelpersRestoredAndAnUntouchedWorkspace() throws Exception {
        String bundled = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(RuntimeLayout.bundled().get("emit-record")));
        JsonNode r = HostileRuns.record(hostile, NEIGHBOUR, "baseline");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/helper_sha256").asString()).isEqualTo(bundled);
        assertThat(r.at("/payload/raw/helpers").asString())
                .isEqualTo("detect-stack emit-record json-extract portable-path probe-lib.sh");
        assertThat(r.at("/result/message").asString()).isEqualTo("workspace: . ./README.md ./src ./src/hello.txt");
    }

    @Test
    void theNeighboursRecordIsByteIdenticalToACleanRunsInEveryMode() {
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(HostileRuns.normalised(HostileRuns.record(hostile, NEIGHBOUR, "baseline")))
                .isEqualTo(HostileRuns.normalised(HostileRuns.record(clean, NEIGHBOUR, "baseline")));
        HostileRuns.requireCodex();
        assertThat(HostileRuns.normalised(HostileRuns.record(hostile, NEIGHBOUR, "codex-sandbox")))
                .isEqualTo(HostileRuns.normalised(HostileRuns.record(clean, NEIGHBOUR, "codex-sandbox")));
    }

    @Test
    void inCodexReadOnlyEveryWriteIsRefusedToo() {
        HostileRuns.requireCodex();
        JsonNode r = HostileRuns.record(hostile, FORGE, "codex-read-only");
        assertThat(r.at("/result/observed_result").asString()).as(r.toString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/helper").asString()).isEqualTo("refused");
        assertThat(r.at("/payload/raw/planted").asString()).isEqualTo("0");
        assertThat(hostile.stderr()).doesNotContain("FAILED " + FORGE + " [codex-read-only]");
        assertThat(HostileRuns.normalised(HostileRuns.record(hostile, NEIGHBOUR, "codex-read-only")))
                .isEqualTo(HostileRuns.normalised(HostileRuns.record(clean, NEIGHBOUR, "codex-read-only")));
    }

    @Test
    void inCodexSandboxEveryWriteIsRefusedAndTheRunPasses() {
        HostileRuns.requireCodex();
        JsonNode r = HostileRuns.record(hostile, FORGE, "codex-sandbox");
        assertThat(r.at("/result/observed_result").asString()).as(r.toString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/helper").asString()).isEqualTo("refused");
        assertThat(r.at("/payload/raw/planted").asString()).isEqualTo("0");
        // the other workspace(s), the helpers folder and the fixtures folder were each tried
        assertThat(Integer.parseInt(r.at("/payload/raw/refused").asString())).isGreaterThanOrEqualTo(2);
        assertThat(hostile.stderr()).doesNotContain("FAILED " + FORGE + " [codex-sandbox]");
        JsonNode neighbour = HostileRuns.record(hostile, NEIGHBOUR, "codex-sandbox");
        assertThat(neighbour.at("/payload/raw/helper_sha256").asString())
                .isEqualTo(HostileRuns.record(hostile, NEIGHBOUR, "baseline")
                        .at("/payload/raw/helper_sha256")
                        .asString());
    }

    @Test
    void aScratchRootASandboxedProbeCouldWriteIsRefusedBeforeAnythingRuns() throws Exception {
        Path inTmp =
                Path.of("/tmp", "codex-fence-refused-" + ProcessHandle.current().pid());
        var r = cli(
                        "--rattle",
                        "--probe",
                        NEIGHBOUR,
                        "--probes",
                        HostileRuns.fixture("forge").toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        tmp.resolve("refused").toString(),
                        "-c",
                        "codex-fence.scratch.dir=" + inTmp)
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(r.stderr())
                .contains("codex-fence: the run could not start: scratch root (codex-fence.scratch.dir) " + inTmp
                        + " lies in /tmp (/tmp), which codex's workspace profile lets sandboxed probes write; set"
                        + " codex-fence.scratch.dir to a folder outside /tmp, $TMPDIR and java.io.tmpdir");
        assertThat(r.stdout()).isEmpty();
        assertThat(inTmp).doesNotExist();
    }

    @Test
    void bothRunsLeaveNothingInTheScratchRoot() throws Exception {
        try (var entries = Files.list(scratch)) {
            assertThat(entries.toList()).isEmpty();
        }
        assertThat(hostile.stderr()).doesNotContain("harness scratch:");
    }
}
