package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** --diff, --report and --record-expectations through the CLI process. */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliMapCommandsTest {

    private static final Path HEALTHY = CliProcess.fixture("healthy");

    @TempDir
    Path dir;

    private Path bang(String name) throws Exception {
        var r = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        dir.resolve("out-" + name).toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip")
                .env("MODES", "baseline")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        Path f = dir.resolve(name + ".ndjson");
        Files.writeString(f, r.stdout());
        return f;
    }

    @Test
    void diffOfTwoEqualRunsIsEmptyAndAChangedResultIsReported() throws Exception {
        Path a = bang("a");
        Path b = bang("b");
        var same = cli("--diff", a.toString(), b.toString()).run();
        assertThat(same.exit()).as(same.toString()).isZero();

        Path changed = dir.resolve("changed.ndjson");
        Files.writeString(
                changed,
                Files.readString(b).replaceFirst("\"observed_result\":\"success\"", "\"observed_result\":\"denied\""));
        var diff = cli("--diff", a.toString(), changed.toString(), "--json").run();
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        JsonNode json = FenceJson.MAPPER.readTree(diff.stdout());
        assertThat(json.toString()).contains("denied");

        var bad = cli("--diff", a.toString()).run();
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains("--diff takes two NDJSON files");
    }

    @Test
    void reportWritesOneSelfContainedHtmlFile() throws Exception {
        Path a = bang("r");
        Path html = dir.resolve("map.html");
        var r = cli("--report", html.toString(), a.toString()).run();
        assertThat(r.exit()).as(r.toString()).isZero();
        String page = Files.readString(html);
        assertThat(page)
                .contains("<html")
                .contains("fx_read_ws")
                .doesNotContain("<script src=")
                .doesNotContain("<link rel=\"stylesheet\" href=");

        Path broken = dir.resolve("broken.ndjson");
        Files.writeString(broken, "{not json\n");
        var bad = cli("--report", dir.resolve("x.html").toString(), broken.toString())
                .run();
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains(broken + ":1");
    }

    @Test
    void recordExpectationsWritesAFileThatTheNextRunPasses() throws Exception {
        Path expectations = dir.resolve("exp.json");
        var rec = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        dir.resolve("rec").toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "--record-expectations",
                        expectations.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(rec.exit()).as(rec.toString()).isZero();
        assertThat(rec.stderr()).contains("wrote expectations " + expectations);
        JsonNode file = FenceJson.MAPPER.readTree(expectations.toFile());
        assertThat(file.at("/probes/fx_read_ws/baseline").asString()).startsWith("success");

        var again = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        dir.resolve("again").toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.expectations.file=" + expectations)
                .env("MODES", "baseline")
                .run();
        assertThat(again.exit()).as(again.toString()).isZero();

        // a changed expectation makes the next run fail: the drift gate is live
        Files.writeString(expectations, Files.readString(expectations).replaceFirst("\"success\"", "\"denied\""));
        var drift = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        dir.resolve("drift").toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.expectations.file=" + expectations)
                .env("MODES", "baseline")
                .run();
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(List.of(drift.stderr(), drift.stdout()).toString()).contains("the fence changed");
    }

    @Test
    void recordExpectationsTakesOnlyThisRunsRecordsNotEarlierRunsInTheSameOutputFolder() throws Exception {
        Path output = dir.resolve("shared-output");
        var first = cli(
                        "--bang",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        output.toString(),
                        "-c",
                        "codex-fence.coverage.missing=skip")
                .env("MODES", "baseline")
                .run();
        assertThat(first.exit()).as(first.toString()).isZero();
        Path expectations = dir.resolve("one-probe.json");
        var rec = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        output.toString(),
                        "--record-expectations",
                        expectations.toString())
                .env("MODES", "baseline")
                .run();
        assertThat(rec.exit()).as(rec.toString()).isZero();
        try (var files = Files.list(output)) {
            assertThat(files.filter(f -> f.toString().endsWith(".ndjson")).count())
                    .as("both runs' files")
                    .isEqualTo(2);
        }
        JsonNode file = FenceJson.MAPPER.readTree(expectations.toFile());
        assertThat(file.get("probes").propertyNames()).containsExactly("fx_read_ws");
    }

    @Test
    void historyAndDiffBetweenReadRecordedShardsThroughTheCli() throws Exception {
        List<String> shards = dev.codexfence.engine.internal.history.RecordedShards.files().stream()
                .map(Path::toString)
                .toList();
        List<String> args = new java.util.ArrayList<>(List.of("--history"));
        args.addAll(shards);
        var history = cli(args.toArray(String[]::new)).run();
        assertThat(history.exit()).as(history.toString()).isEqualTo(1);
        assertThat(history.stdout()).contains("between 0.80.0 and 0.120.0: 37 cells changed");
        assertThat(history.stderr()).isEmpty();

        var piped = cli("--history", "--json")
                .stdin(Files.readString(Path.of(shards.get(0))))
                .run();
        assertThat(piped.exit()).as("one release: nothing changed").isZero();
        assertThat(FenceJson.MAPPER.readTree(piped.stdout()).at("/sources/0").asString())
                .isEqualTo("<stdin>");

        List<String> between = new java.util.ArrayList<>(List.of("--diff", "--between", "0.120.0", "0.171.0"));
        between.addAll(shards);
        var diff = cli(between.toArray(String[]::new)).run();
        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.stdout())
                .contains("paired by probe and mode across releases: codex 0.120.0 → codex 0.171.0")
                .contains("6 changed, 21 appeared, 0 disappeared");

        var alone = cli("--between", "0.80.0", "0.120.0", shards.get(0)).run();
        assertThat(alone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.stderr()).contains("choose one of");
        var noFiles = cli("--diff", "--between", "0.80.0", "0.120.0").run();
        assertThat(noFiles.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFiles.stderr())
                .contains("--diff --between 0.80.0 0.120.0 takes the NDJSON files that hold both releases");
        var twice =
                cli("--diff", "--between", "0.80.0", "0.80.0", shards.get(0)).run();
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.stderr()).contains("--between names one release twice (0.80.0)");
        var jsonAlone = cli("--report", dir.resolve("m.html").toString(), "--json", shards.get(0))
                .run();
        assertThat(jsonAlone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(jsonAlone.stderr()).contains("--json goes with --diff or --history");
    }
}
