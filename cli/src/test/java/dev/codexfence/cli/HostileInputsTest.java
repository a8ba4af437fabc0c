package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.hostile.HostileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input files through the CLI, as a separate JVM (issue 13, items 8 and 9): a probe root holding
 * {@code zero.sh -> /dev/zero}, a FIFO {@code x.sh}, an 8 GiB file, {@code bad name.sh}, a bad
 * {@code probe_version} and a token-like name; {@code --catalog /dev/zero} and a FIFO catalog; FIFO and device
 * inputs of {@code --diff}, {@code --report}, {@code --listen} and the expectations file. Each asserts the exit
 * code and the message, and that the healthy neighbour still ran and gave its record. Every CLI run has a
 * deadline, so a regression to "hangs forever" fails.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputsTest {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    static Path tmp;

    private static Path root;
    private static Path fifo;
    private static CliProcess.Result baseline;

    @BeforeAll
    static void runTheHostileRootInBaseline() throws Exception {
        root = HostileInputs.build(tmp.resolve("probes"));
        fifo = HostileInputs.fifo(tmp.resolve("fifo.json"));
        baseline = bang("baseline").run();
    }

    private static CliProcess bang(String modes, String... more) {
        return cli(
                        "--bang",
                        "--probes",
                        root.toString(),
                        "--mode",
                        modes,
                        "--output",
                        tmp.resolve("out-" + modes).toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.expectations.enabled=false")
                .args(more)
                .timeout(DEADLINE);
    }

    private static CliProcess neighbour(String... more) {
        return cli(
                        "--rattle",
                        "--probe",
                        "fx_neighbour",
                        "--probes",
                        root.toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        tmp.resolve("out-neighbour").toString())
                .args(more)
                .timeout(DEADLINE);
    }

    /** The failure lines of a broken probe file, as the CLI prints them. */
    private static String contract(String file, String... issues) {
        StringBuilder sb = new StringBuilder(
                "codex-fence: FAILED " + file + " [contract]: probe " + file + " breaks the probe contract:");
        for (String issue : issues) {
            sb.append("\n    ").append(file).append(": ").append(issue);
        }
        return sb.append('\n').toString();
    }

    private static void assertTheBadFilesFailAlone(CliProcess.Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr())
                .as(r.toString())
                .contains(
                        contract("x.sh", "is a FIFO, not a regular file"),
                        contract(
                                "zero.sh",
                                "a symlink leaving the probe root (to /dev/zero)",
                                "is a symlink to /dev/zero, a character device, not a regular file"),
                        contract("huge.sh", "is 8 GiB (8589934592 bytes), more than the 1 MiB a probe may be"),
                        contract(
                                "bad name.sh",
                                "probe id \"bad name\" (the file name without .sh) does not match"
                                        + " ^[A-Za-z0-9][A-Za-z0-9_.-]*$, the pattern boundary_object.json demands of probe.id; no record"
                                        + " could carry it (rename the file)"),
                        contract(
                                "fx_bad_version.sh",
                                "line 5: probe_version \"1 beta\" does not match ^\\S+$, the pattern"
                                        + " boundary_object.json demands of probe.version; no record could carry it (use a version"
                                        + " such as \"1\" or \"2.1\")"),
                        "looks like a secret to the redactor, which would replace it in every record (rename the file)",
                        "codex-fence: FAILED fx_binary_output [");
        assertThat(r.stderr())
                .doesNotContain("invalid record", "OutOfMemoryError", "internal error", "FAILED fx_neighbour");
    }

    private static void assertRecords(CliProcess.Result r, List<String> modes) {
        List<JsonNode> records =
                r.lines().stream().map(FenceJson.MAPPER::readTree).toList();
        assertThat(records).as(r.toString()).hasSize(2 * modes.size());
        assertThat(records)
                .allSatisfy(n -> assertThat(SCHEMA.validate(n)).as(n.toString()).isEmpty());
        for (String mode : modes) {
            assertThat(records)
                    .as(mode)
                    .filteredOn(n -> n.at("/run/mode").asString().equals(mode))
                    .extracting(n -> n.at("/probe/id").asString() + " "
                            + n.at("/result/observed_result").asString())
                    .containsExactlyInAnyOrder("fx_neighbour success", "fx_binary_output error");
        }
        assertThat(records)
                .filteredOn(n -> n.at("/probe/id").asString().equals("fx_binary_output"))
                .isNotEmpty()
                .allSatisfy(n -> assertThat(FenceJson.MAPPER.writeValueAsBytes(n.at("/payload")).length)
                        .isLessThanOrEqualTo(RecordAssembler.PAYLOAD_LIMIT));
    }

    @Test
    void inBaselineEveryBadFileFailsAloneAndTheNeighbourGivesItsRecord() {
        assertTheBadFilesFailAlone(baseline);
        assertRecords(baseline, List.of("baseline"));
        assertThat(baseline.stderr()).contains("codex-fence: 2 records in ");
    }

    @Test
    void inCodexSandboxToo() throws Exception {
        Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isExecutable(codex), "no project-local codex CLI (bin/install-codex)");
        }
        var r = bang("baseline,codex-sandbox", "--codex", codex.toString(), "--timeout", "60")
                .run();
        assertTheBadFilesFailAlone(r);
        assertRecords(r, List.of("baseline", "codex-sandbox"));
    }

    @Test
    void aCatalogThatIsADeviceOrAFifoIsAConfigurationError() throws Exception {
        var zero = neighbour("--catalog", "/dev/zero").run();
        assertThat(zero.exit()).as(zero.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(zero.stderr())
                .isEqualTo("codex-fence: /dev/zero: cannot read the catalog: it is a character device,"
                        + " not a regular file\n");
        assertThat(zero.stdout()).isEmpty();
        var fromFifo = neighbour("--catalog", fifo.toString()).run();
        assertThat(fromFifo.exit()).as(fromFifo.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(fromFifo.stderr())
                .isEqualTo(
                        "codex-fence: " + fifo + ": cannot read the catalog: it is a FIFO, not a" + " regular file\n");
    }

    @Test
    void anExpectationsFileThatIsAFifoStopsTheRunBeforeAnyProbe() throws Exception {
        var r = neighbour("-c", "codex-fence.expectations.file=" + fifo).run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(r.stderr())
                .contains("codex-fence: the run could not start: " + fifo + ": cannot read the"
                        + " expectations file: it is a FIFO, not a regular file");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void ndjsonInputsThatAreDevicesOrFifosOrEndlessAreBadInput() throws Exception {
        Path good = Files.writeString(tmp.resolve("good.ndjson"), baseline.stdout());
        var diff = cli("--diff", good.toString(), fifo.toString())
                .timeout(DEADLINE)
                .run();
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(diff.stderr()).contains("  " + fifo + ": is a FIFO, not a regular file\n");

        var report = cli("--report", tmp.resolve("map.html").toString(), "/dev/zero")
                .timeout(DEADLINE)
                .run();
        assertThat(report.exit()).as(report.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(report.stderr()).isEqualTo("codex-fence: /dev/zero: is a character device, not a regular file\n");
        assertThat(tmp.resolve("map.html")).doesNotExist();

        var listen =
                cli("--listen").stdin(Path.of("/dev/zero")).timeout(DEADLINE).run();
        assertThat(listen.exit()).as(listen.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(listen.stdout())
                .contains(
                        "0 records, 0 distinct probes, 1 bad line",
                        "bad line 1: the line is longer"
                                + " than 4 MiB, more than a line of an NDJSON input may be; the rest was not read");
    }
}
