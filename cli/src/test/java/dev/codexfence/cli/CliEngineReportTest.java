package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine never prints: what it reports on the run as a whole (report entries on its node) the CLI prints on
 * stderr, as the engine's own lines used to be: the NDJSON file with its record count, one line per expectations
 * file used, and the fence map.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliEngineReportTest {

    private static final Path HEALTHY = CliProcess.fixture("healthy");

    @TempDir
    Path dir;

    @Test
    void theRunsNdjsonExpectationsSummaryAndFenceMapAreOnStderr() throws Exception {
        Path expected = dir.resolve("expected.json");
        var record = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--mode",
                        "baseline",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        dir.resolve("first").toString(),
                        "--record-expectations",
                        expected.toString())
                .run();
        assertThat(record.exit()).as(record.toString()).isZero();
        assertThat(expected).exists();

        Path out = dir.resolve("second");
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--mode",
                        "baseline",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString(),
                        "-c",
                        "codex-fence.expectations.file=" + expected,
                        "-c",
                        "codex-fence.report.file=map.html")
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.stderr().lines().toList();

        Matcher ndjson = Pattern.compile(
                        "codex-fence: 1 record in (" + Pattern.quote(out.toString()) + "/[^/]+\\.ndjson)")
                .matcher(r.stderr());
        assertThat(ndjson.find()).as(r.stderr()).isTrue();
        Path file = Path.of(ndjson.group(1));
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(lines)
                .contains(
                        "codex-fence: expectations " + expected + ": 1 run checked, 0 drifted",
                        "codex-fence: fence map in " + file.resolveSibling("map.html"));
        assertThat(file.resolveSibling("map.html")).isRegularFile();
        // in the order the engine reports them
        assertThat(lines.indexOf("codex-fence: expectations " + expected + ": 1 run checked, 0 drifted"))
                .isGreaterThan(lines.indexOf("codex-fence: 1 record in " + file))
                .isLessThan(lines.indexOf("codex-fence: fence map in " + file.resolveSibling("map.html")));
    }
}
