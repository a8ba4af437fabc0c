package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static dev.codexfence.cli.CliProcess.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The CLI as users run it: a separate JVM per invocation, records on stdout, everything else on stderr.
 * Only the baseline mode runs (no codex needed); codex modes are pointed at a missing CLI to be skipped.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliEndToEndTest {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();
    private static final Path HEALTHY = fixture("healthy");
    private static final Path CATALOG = fixture("cli-catalog/catalog.json");
    private static final String CATALOG_VERSION = "cli_fixture_catalog_v7";
    private static final Pattern NDJSON_PATH = Pattern.compile("codex-fence: \\d+ records? in (\\S+\\.ndjson)");

    @TempDir
    Path out;

    /** Every stdout line parsed, each checked against the cfbo-v1 schema. */
    private static List<JsonNode> records(CliProcess.Result r) {
        return r.lines().stream()
                .map(line -> {
                    JsonNode node = FenceJson.MAPPER.readTree(line);
                    assertThat(SCHEMA.validate(node))
                            .as("schema violations of %s", line)
                            .isEmpty();
                    return node;
                })
                .toList();
    }

    private static List<String> runs(List<JsonNode> records) {
        return records.stream()
                .map(n ->
                        n.at("/probe/id").asString() + " [" + n.at("/run/mode").asString() + "]")
                .toList();
    }

    /** The healthy fixture probes that run on this host. */
    private static List<String> healthyHere(String mode) {
        boolean mac = Platform.current().orElse(Platform.LINUX) == Platform.MACOS;
        return (mac
                        ? List.of("fx_macos_only", "fx_read_ws", "fx_write_ws")
                        : List.of("fx_read_ws", "fx_write_home", "fx_write_ws"))
                .stream().map(p -> p + " [" + mode + "]").toList();
    }

    // ---- --bang --------------------------------------------------------------------------------------

    @Test
    void bangStreamsExactlyOneValidRecordPerProbeAndModeWithTheChosenCatalog() throws Exception {
        var r = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> records = records(r);
        assertThat(runs(records)).containsExactlyInAnyOrderElementsOf(healthyHere("baseline"));
        assertThat(records)
                .allSatisfy(n -> assertThat(n.at("/capabilities_schema_version").asString())
                        .isEqualTo(CATALOG_VERSION));
        // stdout carries records only; the skip of the other platform's probe and the NDJSON path go to stderr
        assertThat(r.stderr()).containsPattern("skipped 1 run: probe fx_(macos_only|write_home) applies to");
        Matcher m = NDJSON_PATH.matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        Path ndjson = Path.of(m.group(1));
        assertThat(ndjson).startsWith(out);
        assertThat(Files.readAllLines(ndjson)).containsExactlyInAnyOrderElementsOf(r.lines());
    }

    @Test
    void bangWithTheBundledCatalogFailsOnCapabilitiesWithoutAProbe() throws Exception {
        var r = cli("-b", "--probes", HEALTHY.toString(), "--output", out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(records(r)).hasSize(3);
        assertThat(r.stderr())
                .containsPattern("FAILED \\d+ coverage tests: no probe here for .*cap_kernel_bpf")
                .contains("codex-fence.coverage.missing=skip");

        var skip = cli(
                        "-b",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip")
                .env("MODES", "baseline")
                .run();
        assertThat(skip.exit()).as(skip.toString()).isZero();
        assertThat(skip.stderr()).containsPattern("skipped \\d+ coverage tests \\(no probe here for cap_\\w+, .*…\\)");
    }

    @Test
    void codexModesWithoutACodexCliAreSkippedWithTheReasonAndPrintNoRecord() throws Exception {
        var r = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--output",
                        out.toString(),
                        "--codex",
                        out.resolve("no-such-codex").toString())
                .env("MODES", "baseline codex-sandbox,codex-full")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(runs(records(r))).containsExactlyInAnyOrderElementsOf(healthyHere("baseline"));
        assertThat(r.stderr())
                .contains("skipped 3 runs: mode codex-sandbox cannot run here: configured codex CLI "
                        + out.resolve("no-such-codex"))
                .contains("skipped 3 runs: mode codex-full cannot run here");
    }

    @Test
    void unknownModesAreAUsageErrorListingTheValidOnes() throws Exception {
        var r = cli("--bang", "--probes", HEALTHY.toString(), "--output", out.toString())
                .env("MODES", "baseline codex-sandbx")
                .run();
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .contains("MODES: unknown mode \"codex-sandbx\"; valid modes: baseline, codex-sandbox, codex-full,"
                        + " codex-read-only, codex-workspace-net");

        var flag = cli("--rattle", "--probe", "fx_read_ws", "--mode", "turbo", "--probes", HEALTHY.toString())
                .run();
        assertThat(flag.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.stderr()).contains("--mode: unknown mode \"turbo\"; valid modes: baseline");

        var empty = cli("--bang", "--probes", HEALTHY.toString())
                .env("MODES", " , ")
                .run();
        assertThat(empty.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.stderr()).contains("MODES names no mode");
    }

    @Test
    void listShowsWhatWouldRunWithoutRunningIt() throws Exception {
        var r = cli(
                        "--bang",
                        "--list",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline,codex-sandbox")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.lines())
                .contains(
                        "fx_read_ws     baseline       cap_fs_read_workspace_tree",
                        "fx_read_ws     codex-sandbox  cap_fs_read_workspace_tree",
                        "fx_write_ws    codex-sandbox  cap_fs_write_workspace_tree");
        assertThat(r.lines()).hasSize(8);
        assertThat(r.stderr()).contains("8 tests would run");
        try (var files = Files.list(out)) {
            assertThat(files).as("nothing ran, so no NDJSON").isEmpty();
        }
    }

    @Test
    void parallelRunsGiveTheSameRecords() throws Exception {
        var r = cli(
                        "--bang",
                        "--parallel",
                        "3",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(runs(records(r))).containsExactlyInAnyOrderElementsOf(healthyHere("baseline"));
    }

    // ---- --rattle ------------------------------------------------------------------------------------

    @Test
    void rattleByCapabilityRunsTheTestsTaggedWithItAsMavensGroupsDo() throws Exception {
        var r = cli(
                        "--rattle",
                        "--cap",
                        "cap_fs_read_workspace_tree",
                        "--mode",
                        "baseline",
                        "--mode",
                        "baseline",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "codex-full")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        // fx_write_ws has it as a secondary capability (a tag of its tests, as -Dgroups sees it); --mode wins over
        // MODES;
        // the capability has a probe, so no coverage test
        assertThat(runs(records(r))).containsExactlyInAnyOrder("fx_read_ws [baseline]", "fx_write_ws [baseline]");
        assertThat(r.stderr()).doesNotContain("coverage");
    }

    @Test
    void rattleOfACapabilityWithoutAProbeRunsItsFailingCoverageTestAndOneThatSelectsNothingIsAUsageError()
            throws Exception {
        boolean mac = Platform.current().orElse(Platform.LINUX) == Platform.MACOS;
        // a capability of this platform without a probe in the root: its coverage test, as -Dgroups selects it
        String gap = mac ? "cap_sandbox_debug_and_trace_logging" : "cap_kernel_bpf";
        var noProbe = cli("--rattle", "--cap", gap, "--probes", HEALTHY.toString(), "--output", out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(noProbe.exit()).as(noProbe.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(noProbe.stdout()).isEmpty();
        assertThat(noProbe.stderr()).contains("FAILED 1 coverage test: no probe here for " + gap);

        // a capability of the other platform only, without a probe: no test carries its tag here
        String elsewhere = mac ? "cap_kernel_bpf" : "cap_sandbox_debug_and_trace_logging";
        var nothing = cli("rattle", "--cap", elsewhere, "--probes", HEALTHY.toString(), "--output", out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(nothing.exit()).as(nothing.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.stderr())
                .contains("nothing to run: no test of the probe root " + HEALTHY
                        + " in the modes baseline carries the tag " + elsewhere);
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".ndjson")))
                    .as("only the first rattle ran")
                    .hasSize(1);
        }
    }

    @Test
    void rattleByTagExpressionAndProbeRunsTheUnionOfBoth() throws Exception {
        var r = cli(
                        "rattle",
                        "--tag",
                        "smoke",
                        "--probe",
                        "fx_write_home",
                        "--mode",
                        "baseline",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--list")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        // fx_read_ws carries the probe tag smoke; fx_write_home is named; the coverage tests carry neither
        assertThat(r.lines())
                .containsExactly(
                        "fx_read_ws     baseline  cap_fs_read_workspace_tree",
                        "fx_write_home  baseline  cap_fs_write_user_home"
                                + (Platform.current().orElse(Platform.LINUX) == Platform.MACOS
                                        ? "      skipped here: not for macos"
                                        : ""));

        var bad = cli("rattle", "--tag", "smoke &", "--probes", HEALTHY.toString())
                .run();
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains("--tag \"smoke &\" is not a JUnit tag expression");
    }

    @Test
    void rattleByProbesWithRepeatedModes() throws Exception {
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--probe",
                        "fx_write_ws",
                        "--mode",
                        "baseline",
                        "--mode",
                        "codex-sandbox",
                        "--codex",
                        out.resolve("no-codex").toString(),
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(runs(records(r))).containsExactlyInAnyOrder("fx_read_ws [baseline]", "fx_write_ws [baseline]");
        assertThat(r.stderr()).contains("skipped 2 runs: mode codex-sandbox cannot run here");

        var list = cli(
                        "--rattle",
                        "--probe",
                        "fx_write_ws,fx_read_ws",
                        "-m",
                        "baseline,codex-full",
                        "--list",
                        "--probes",
                        HEALTHY.toString())
                .run();
        // in command-line order, each probe in the order of the modes
        assertThat(list.lines())
                .containsExactly(
                        "fx_write_ws  baseline    cap_fs_write_workspace_tree",
                        "fx_write_ws  codex-full  cap_fs_write_workspace_tree",
                        "fx_read_ws   baseline    cap_fs_read_workspace_tree",
                        "fx_read_ws   codex-full  cap_fs_read_workspace_tree");
    }

    @Test
    void repeatStreamsTheRecordsOfEveryRepetition() throws Exception {
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--repeat",
                        "3",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(runs(records(r)))
                .containsExactly("fx_read_ws [baseline]", "fx_read_ws [baseline]", "fx_read_ws [baseline]");
        assertThat(records(r).stream()
                        .map(n -> n.at("/run/workspace_root").asString())
                        .distinct())
                .hasSize(3);
        for (int i = 1; i <= 3; i++) {
            try (var files = Files.list(out.resolve("repeat-" + i))) {
                assertThat(files.filter(f -> f.toString().endsWith(".ndjson"))).hasSize(1);
            }
        }
    }

    @Test
    void unknownIdsAreUsageErrorsWithSuggestions() throws Exception {
        var cap = cli("--rattle", "--cap", "cap_fs_red_workspace_tree", "--probes", HEALTHY.toString())
                .run();
        assertThat(cap.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(cap.stderr())
                .contains("unknown capability \"cap_fs_red_workspace_tree\"")
                .contains("did you mean cap_fs_read_workspace_tree");

        var probe = cli("--rattle", "--probe", "fx_writ_ws", "--probes", HEALTHY.toString())
                .run();
        assertThat(probe.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(probe.stderr())
                .contains("unknown probe \"fx_writ_ws\" in probe root " + HEALTHY)
                .contains("did you mean fx_write_ws");
    }

    @Test
    void probeIdsNeverResolveOutsideTheProbeRoot() throws Exception {
        Path root = Files.createDirectories(out.resolve("probes"));
        Path elsewhere = Files.createDirectories(out.resolve("elsewhere"));
        Files.copy(
                HEALTHY.resolve("fx_read_ws.sh"),
                root.resolve("fx_read_ws.sh"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(
                HEALTHY.resolve("fx_read_ws.sh"),
                elsewhere.resolve("fx_read_ws.sh"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(root.resolve("fx_link_out.sh"), elsewhere.resolve("fx_read_ws.sh"));

        for (String id : List.of("../x", "/etc/passwd", "../elsewhere/fx_read_ws", "..")) {
            var r = cli("--rattle", "--probe", id, "--probes", root.toString(), "--mode", "baseline")
                    .run();
            assertThat(r.exit()).as(id).isEqualTo(ExitCodes.USAGE);
            assertThat(r.stderr()).as(id).contains("refusing probe id \"" + id + "\"");
            assertThat(r.stdout()).isEmpty();
        }
        var link = cli("--rattle", "--probe", "fx_link_out", "--probes", root.toString(), "--mode", "baseline")
                .run();
        assertThat(link.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(link.stderr()).contains("refusing probe \"fx_link_out\"").contains("outside the probe root");
    }

    // ---- configuration and usage ---------------------------------------------------------------------

    @Test
    void aBrokenCatalogIsAConfigurationErrorWithTheLoadersMessage() throws Exception {
        Path broken = fixture("cli-catalog/broken-duplicate-id.json");
        var r = cli("--bang", "--probes", HEALTHY.toString(), "--catalog", broken.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(r.stderr().strip())
                .isEqualTo(
                        "codex-fence: " + broken
                                + ": /capabilities/4/id (line 219): duplicate capability id cap_fs_read_workspace_tree (first at /capabilities/0/id, line 68)");
        var env = cli("--rattle", "--probe", "fx_read_ws", "--probes", HEALTHY.toString())
                .env("CODEX_FENCE_CATALOG", out.resolve("missing.json").toString())
                .env("MODES", "baseline")
                .run();
        assertThat(env.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(env.stderr()).contains("missing.json: cannot read the catalog");

        // a run that cannot start (here: a helper folder without the helpers) is a configuration error too
        var noHelpers = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString(),
                        "-c",
                        "codex-fence.runtime.bin=" + out.resolve("no-bin"))
                .env("MODES", "baseline")
                .run();
        assertThat(noHelpers.exit()).as(noHelpers.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(noHelpers.stderr())
                .contains("codex-fence: the run could not start: runtime folder " + out.resolve("no-bin")
                        + " lacks emit-record");
        assertThat(noHelpers.stdout()).isEmpty();
    }

    @Test
    void environmentPointsAtAnotherProbeTreeAndCatalog() throws Exception {
        var r = cli("--rattle", "--probe", "fx_write_ws", "--output", out.toString())
                .env("CODEX_FENCE_PROBES", HEALTHY.toString())
                .env("CODEX_FENCE_CATALOG", CATALOG.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(records(r)).singleElement().satisfies(n -> {
            assertThat(n.at("/capabilities_schema_version").asString()).isEqualTo(CATALOG_VERSION);
            assertThat(n.at("/capability_context/secondary/0/id").asString()).isEqualTo("cap_fs_read_workspace_tree");
        });
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(cli("--bogus").run()).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.stderr()).contains("Unknown option: '--bogus'").contains("codex-fence --help");
        });
        assertThat(cli().run()).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.stderr())
                    .contains("choose one of the commands bang (--bang, -b), rattle (--rattle, -r), list,"
                            + " listen (--listen, -l)");
        });
        assertThat(cli("-b", "-l").run().stderr()).contains("choose only one of");
        assertThat(cli("--rattle", "--probes", HEALTHY.toString()).run().stderr())
                .contains("--rattle needs at least one --cap ID or --probe ID");
        assertThat(cli("--bang", "--probe", "fx_read_ws").run().stderr())
                .contains("--probe goes with --rattle or list, not --bang");
        assertThat(cli("--bang", "--probes", out.resolve("nope").toString()).run())
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
                    assertThat(r.stderr()).contains("is not a directory");
                });
        assertThat(cli("-r", "--probe", "fx_read_ws", "--timeout", "soon", "--probes", HEALTHY.toString())
                        .run()
                        .stderr())
                .contains("--timeout expects a number of seconds");
        assertThat(cli("-r", "--probe", "fx_read_ws", "--repeat", "0", "--probes", HEALTHY.toString())
                        .run()
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        var badConfig = cli(
                        "-r",
                        "--probe",
                        "fx_read_ws",
                        "-c",
                        "codex-fence.coverage.missing=maybe",
                        "--probes",
                        HEALTHY.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(badConfig.exit()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(badConfig.stderr())
                .contains("configuration codex-fence.coverage.missing=\"maybe\": expected fail or skip");
    }

    @Test
    void helpShowsEveryCommandWithExamplesAndTheExitCodes() throws Exception {
        var r = cli("--help").run();
        assertThat(r.exit()).isZero();
        assertThat(r.stdout())
                .contains(
                        "bang, --bang, -b",
                        "rattle, --rattle, -r",
                        "listen, --listen, -l",
                        "list",
                        "Examples:",
                        "codex-fence bang | codex-fence listen",
                        "codex-fence --bang | codex-fence --listen",
                        "codex-fence rattle --cap",
                        "codex-fence rattle --probe",
                        "codex-fence listen < run.ndjson",
                        "Exit codes:",
                        "130",
                        "MODES",
                        "CODEX_FENCE_PROBES",
                        "CODEX_FENCE_CATALOG");
        assertThat(r.stdout().lines())
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(r.stderr()).isEmpty();

        var rattle = cli("--rattle", "--help").run();
        assertThat(rattle.exit()).isZero();
        assertThat(rattle.stdout())
                .contains(
                        "Usage: codex-fence rattle",
                        "--cap=ID",
                        "--probe=ID",
                        "--tag=EXPR",
                        "--mode=MODE",
                        "--list",
                        "--repeat=N",
                        "--probes=DIR",
                        "--catalog=FILE",
                        "--codex=PATH",
                        "--timeout=SECONDS",
                        "--output=DIR",
                        "--parallel=N",
                        "Exit codes:");
    }

    // ---- --listen ------------------------------------------------------------------------------------

    @Test
    void listenSummarisesLikeTheGoldenAndFlagsBadLines() throws Exception {
        var good = cli("--listen")
                .stdin(CliProcess.RESOURCES.resolve("listen-input.ndjson"))
                .run();
        assertThat(good.exit()).as(good.toString()).isZero();
        assertThat(good.stdout())
                .isEqualTo(Files.readString(CliProcess.RESOURCES.resolve("listen-input.txt"), StandardCharsets.UTF_8));

        var bad = cli("-l")
                .stdin(CliProcess.RESOURCES.resolve("listen-malformed.ndjson"))
                .run();
        assertThat(bad.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(bad.stdout())
                .isEqualTo(
                        Files.readString(CliProcess.RESOURCES.resolve("listen-malformed.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void bangPipesIntoListen() throws Exception {
        ProcessBuilder bang = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--catalog",
                        CATALOG.toString(),
                        "--output",
                        out.toString())
                .env("MODES", "baseline")
                .builder()
                .redirectError(out.resolve("bang.err").toFile());
        ProcessBuilder listen = cli("--listen")
                .builder()
                .redirectError(out.resolve("listen.err").toFile());
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(bang, listen));
        String summary = new String(pipeline.get(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pipeline.get(0).waitFor()).isZero();
        assertThat(pipeline.get(1).waitFor()).as(summary).isZero();
        assertThat(summary)
                .startsWith("codex-fence listen: 3 records, 3 distinct probes, 0 bad lines\n")
                .contains("  results: success 3, denied 0, partial 0, error 0\n", "  modes:   baseline 3\n");
        assertThat(Files.readString(out.resolve("bang.err"))).contains("records in");
    }

    @Test
    void listenRefusesAnInteractiveTerminal() throws IOException, InterruptedException {
        // `script` gives the child a pseudo-terminal, so System.console() is not null there
        Path script = Path.of("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(script) && Platform.current().orElse(null) == Platform.LINUX,
                "needs util-linux script");
        String command = String.join(
                " ",
                cli("--listen").command().stream().map(CliEndToEndTest::quote).toList());
        Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(ExitCodes.USAGE);
        assertThat(text)
                .contains("codex-fence --listen reads NDJSON on stdin, e.g. codex-fence --bang | codex-fence --listen");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
