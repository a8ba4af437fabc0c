package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static dev.codexfence.cli.CliProcess.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.testing.LiveProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The fault corpus (src/test/fixtures/faults) through the CLI, as a separate process: the run fails (exit 1),
 * stdout holds one schema-valid record per run that produced one (the healthy records intact), stderr names
 * every broken probe with its reason, and no process the corpus started outlives the CLI.
 *
 * <p>No outcome depends on how fast the machine is: the corpus runs with a timeout that no probe that ends by
 * itself reaches, however loaded the machine (the 100 MiB floods are checked by byte counts), and the probes that
 * never end by themselves (src/test/fixtures/hangs) run in a second CLI run with a short timeout, which is then
 * the only way they can end.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliFaultCorpusTest {

    /** Probes that run (the others break the probe contract and never start). */
    private static final List<String> DYNAMIC = List.of(
            "fx_closes_stdout",
            "fx_daemon",
            "fx_exit_nonzero",
            "fx_healthy_a",
            "fx_healthy_b",
            "fx_invalid_json",
            "fx_killed_by_signal",
            "fx_leaves_debris",
            "fx_schema_violation",
            "fx_silent",
            "fx_stderr_flood",
            "fx_stdout_flood",
            "fx_two_records",
            "fx_wrong_mode");

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();

    @TempDir
    static Path tmp;

    private static CliProcess.Result run;
    private static CliProcess.Result hangs;
    /** The CLI's scratch root: every workspace of this run, and so the daemon's name, lies below it. */
    private static Path scratch;

    @BeforeAll
    static void runTheCorpusThroughTheCli() throws Exception {
        scratch = CliProcess.scratchRoot("fc");
        run = cli(
                        "--bang",
                        "--probes",
                        fixture("faults").toString(),
                        "--output",
                        tmp.resolve("out").toString(),
                        "--timeout",
                        "300",
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.scratch.dir=" + scratch)
                .env("MODES", "baseline")
                .timeout(Duration.ofSeconds(600))
                .run();
        hangs = cli(
                        "--bang",
                        "--probes",
                        fixture("hangs").toString(),
                        "--output",
                        tmp.resolve("hangs").toString(),
                        "--timeout",
                        "3",
                        "--parallel",
                        "2",
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.scratch.dir=" + scratch)
                .env("MODES", "baseline")
                .timeout(Duration.ofSeconds(600))
                .run();
    }

    private static List<String> corpusProcesses() {
        return LiveProcesses.matching(c -> c.contains(fixture("faults") + "/")
                || c.contains(fixture("hangs") + "/") // this checkout's only
                || c.contains("fx_daemon_sleeper " + scratch));
    }

    @Test
    void theRunFails() {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(hangs.exit()).as(hangs.toString()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void probesThatNeverEndAreKilledByTheTimeoutWithAHarnessRecord() {
        List<JsonNode> records =
                hangs.lines().stream().map(FenceJson.MAPPER::readTree).toList();
        assertThat(records.stream()
                        .map(r -> r.at("/probe/id").asString())
                        .sorted()
                        .toList())
                .as(hangs.toString())
                .containsExactly("fx_hang", "fx_sleep_then_write");
        assertThat(records).allSatisfy(r -> {
            assertThat(SCHEMA.validate(r)).as(r.toString()).isEmpty();
            assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("timeout");
        });
        assertThat(hangs.stderr())
                .contains(
                        "codex-fence: FAILED fx_hang [baseline]: timed out after 3 s; the process tree was killed",
                        "codex-fence: FAILED fx_sleep_then_write [baseline]: timed out after 3 s; the process tree was killed",
                        "codex-fence: 2 records in ");
    }

    @Test
    void stdoutHoldsOneSchemaValidRecordPerRunAndTheHealthyOnesAreIntact() {
        List<JsonNode> records =
                run.lines().stream().map(FenceJson.MAPPER::readTree).toList();
        assertThat(records)
                .as(run.toString())
                .allSatisfy(r -> assertThat(SCHEMA.validate(r)).as(r.toString()).isEmpty());
        assertThat(records.stream()
                        .map(r -> r.at("/probe/id").asString())
                        .sorted()
                        .toList())
                .as(run.toString())
                .isEqualTo(DYNAMIC);
        assertThat(records)
                .allSatisfy(r -> assertThat(r.at("/run/mode").asString()).isEqualTo("baseline"));
        Map<String, JsonNode> byId =
                records.stream().collect(Collectors.toMap(r -> r.at("/probe/id").asString(), Function.identity()));
        for (String healthy : List.of("fx_healthy_a", "fx_healthy_b")) {
            assertThat(byId.get(healthy).at("/result/observed_result").asString())
                    .as(healthy)
                    .isEqualTo("success");
        }
        // the probes that gave no usable record have a harness-made one that says so
        for (String noRecord : List.of("fx_silent", "fx_invalid_json", "fx_two_records", "fx_stdout_flood")) {
            assertThat(byId.get(noRecord).at("/result/observed_result").asString())
                    .as(noRecord)
                    .isEqualTo("error");
        }
    }

    @Test
    void stderrNamesEveryFailureWithItsReason() {
        assertThat(run.stderr())
                .contains(
                        "codex-fence: FAILED fx_daemon [baseline]: a process the probe started was still running after it exited",
                        "codex-fence: FAILED fx_stdout_flood [baseline]: printed ",
                        "codex-fence: FAILED fx_stderr_flood [baseline]: the probe wrote 104857600 bytes on stderr; the harness kept the first 1048576",
                        "codex-fence: FAILED fx_silent [baseline]: no record on stdout",
                        "codex-fence: FAILED fx_closes_stdout [baseline]: no record on stdout",
                        "codex-fence: FAILED fx_two_records [baseline]: 2 records on stdout",
                        "codex-fence: FAILED fx_invalid_json [baseline]: stdout is not a JSON record",
                        "codex-fence: FAILED fx_schema_violation [baseline]: the record violates boundary_object.json",
                        "codex-fence: FAILED fx_exit_nonzero [baseline]: the probe exited with status 3",
                        "codex-fence: FAILED fx_killed_by_signal [baseline]: the probe was killed by signal 9",
                        "codex-fence: FAILED fx_leaves_debris [baseline]: the probe left 1 path(s) in its workspace",
                        "codex-fence: FAILED fx_wrong_mode [baseline]: the record says run.mode \"codex-full\"",
                        "codex-fence: FAILED fx_crlf.sh [contract]:",
                        "codex-fence: FAILED fx_duplicate.sh [contract]:",
                        "codex-fence: FAILED fx_not_executable.sh [contract]:",
                        "codex-fence: FAILED fx_other_name.sh [contract]:",
                        "codex-fence: FAILED fx_symlink_outside.sh [contract]:",
                        "codex-fence: FAILED fx_unknown_cap.sh [contract]:",
                        "codex-fence: " + DYNAMIC.size() + " records in ");
        assertThat(run.stderr()).doesNotContain("FAILED fx_healthy_a", "FAILED fx_healthy_b");
        // the stdout flood was read to its last byte: 100 MiB of x, then the record line
        java.util.regex.Matcher flood = java.util.regex.Pattern.compile(
                        "FAILED fx_stdout_flood \\[baseline]: printed (\\d+) bytes")
                .matcher(run.stderr());
        assertThat(flood.find()).isTrue();
        assertThat(Long.parseLong(flood.group(1))).isGreaterThan(100L << 20).isLessThan((100L << 20) + 65_536);
    }

    @Test
    void noProcessOfTheCorpusSurvivesTheCli() throws InterruptedException {
        // the daemon did outlive its probe, so there was something to kill
        assertThat(run.stderr()).contains("FAILED fx_daemon [baseline]: a process the probe started was still running");
        // the CLI has exited; give the kernel a moment to reap what was killed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // returns as soon as they are gone
        while (!corpusProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(corpusProcesses()).isEmpty();
    }
}
