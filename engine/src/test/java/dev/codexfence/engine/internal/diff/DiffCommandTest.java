package dev.codexfence.engine.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.json.FenceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --diff entry point: output and exit status 0 / 1 / 2. */
class DiffCommandTest {

    private static final String CAP = "cap_fs_write_user_home";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int diff(Path a, Path b, boolean json) {
        return new DiffCommand()
                .run(
                        a,
                        b,
                        json,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String line(String result, String errno) {
        return TestRecords.ndjson(List.of(TestRecords.json("p", CAP, "codex-sandbox", result, errno, "m")));
    }

    @Test
    void equalInputsExitZeroAndDifferentOnesOne() throws IOException {
        Path a = file("a.ndjson", line("denied", "EROFS"));
        Path b = file("b.ndjson", line("denied", "EROFS"));
        Path c = file("c.ndjson", line("success", null));
        assertThat(diff(a, b, false)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no differences");
        out.reset();
        assertThat(diff(a, c, true)).isEqualTo(1);
        var json = FenceJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("format").asString()).isEqualTo("cfdiff-v1");
        assertThat(json.at("/capabilities/0/entries/0/changes/observed_result/new")
                        .asString())
                .isEqualTo("success");
        assertThat(err.size()).isZero();
    }

    @Test
    void badLinesOfBothInputsAreListedWithFileAndLineAndExitTwo() throws IOException {
        Path a = file("a.ndjson", line("denied", "EROFS") + "{not json\n");
        Path b = file("b.ndjson", "\n\n[1,2]\n" + line("denied", "EROFS").replace("\"denied\"", "\"blocked\""));
        assertThat(diff(a, b, false)).isEqualTo(2);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e)
                .contains("3 problems in the input")
                .contains(a + ":2: not JSON")
                .contains(b + ":3: not a cfbo-v1 record: expected a JSON object, got array")
                .contains(b + ":4: not a cfbo-v1 record (boundary_object.json): /result/observed_result");
        assertThat(out.size()).isZero();
    }

    @Test
    void aMissingInputIsBadInput() throws IOException {
        Path a = file("a.ndjson", line("denied", "EROFS"));
        assertThat(diff(a, dir.resolve("nope.ndjson"), false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.ndjson: does not exist");
    }

    @Test
    void anEmptyInputMakesEveryRecordDisappear() throws IOException {
        Path a = file("a.ndjson", line("denied", "EROFS"));
        Path empty = file("empty.ndjson", "");
        assertThat(diff(a, empty, false)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("new: " + empty + " (0 records)")
                .contains("- p [codex-sandbox]: disappeared, was denied EROFS");
    }

    private int between(String from, String to, List<Path> files, boolean json) {
        return new DiffCommand()
                .between(
                        from,
                        to,
                        files,
                        json,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<Path> recordedShards() throws IOException {
        try (var files = Files.list(Path.of("src/test/resources/history"))) {
            return files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
        }
    }

    @Test
    void betweenPicksTwoReleasesAmongRecordedShardsAndComparesThemAcrossReleases() throws IOException {
        List<Path> shards = recordedShards();
        assertThat(shards).hasSize(9);
        assertThat(between("0.80.0", "0.120.0", shards, false)).isEqualTo(1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains(
                        "paired by probe and mode across releases: codex 0.80.0 → codex 0.120.0 on linux · Linux 6.18.44-fc-v669 x86_64 · uid 0")
                .contains("37 changed, 0 appeared, 0 disappeared, 47 unchanged")
                .contains("~ fs_write_home_scratch [codex-sandbox]: denied EACCES → denied EROFS")
                .contains("linux-codex-0.80.0-rerun.ndjson") // the re-run's agreeing duplicates merged in
                .doesNotContain("0.171.0");
        out.reset();
        assertThat(between("0.120.0", "0.171.0", shards, true)).isEqualTo(1);
        var json = FenceJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.at("/counts/appeared").asInt())
                .as("codex-full: 0.171.0 expresses it, 0.120.0 cannot")
                .isEqualTo(21);
        assertThat(json.at("/counts/changed").asInt()).isEqualTo(6);
        assertThat(err.size()).isZero();
    }

    @Test
    void betweenAMissingReleaseOrDisagreeingRecordsIsBadInput() throws IOException {
        List<Path> shards = recordedShards();
        assertThat(between("0.80.0", "0.99.0", shards, false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no record of codex 0.99.0 in 9 inputs (they hold 0.40.0, 0.80.0, 0.120.0, 0.171.0)");
        err.reset();
        Path a = file(
                "a.ndjson",
                TestRecords.ndjson(List.of(TestRecords.json(
                        "p", CAP, "baseline", "success", null, "m", "linux", "0.80.0", TestRecords.OS))));
        Path b = file(
                "b.ndjson",
                TestRecords.ndjson(List.of(
                        TestRecords.json(
                                "p", CAP, "baseline", "denied", "EPERM", "m", "linux", "0.80.0", TestRecords.OS),
                        TestRecords.json(
                                "p", CAP, "baseline", "success", null, "m", "linux", "0.120.0", TestRecords.OS))));
        assertThat(between("0.80.0", "0.120.0", List.of(a, b), false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the inputs disagree about p [baseline] on linux · codex 0.80.0 · " + TestRecords.OS
                        + " · uid 0: success at " + a + ":1; denied EPERM at " + b + ":1");
        assertThat(out.size()).isZero();
    }
}
