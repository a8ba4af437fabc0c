package dev.codexfence.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.expect.TestRecords;
import dev.codexfence.schema.FenceJson;
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
        return new DiffCommand().run(a, b, json, new PrintStream(out, true, StandardCharsets.UTF_8),
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
        assertThat(json.at("/capabilities/0/entries/0/changes/observed_result/new").asString()).isEqualTo("success");
        assertThat(err.size()).isZero();
    }

    @Test
    void badLinesOfBothInputsAreListedWithFileAndLineAndExitTwo() throws IOException {
        Path a = file("a.ndjson", line("denied", "EROFS") + "{not json\n");
        Path b = file("b.ndjson", "\n\n[1,2]\n" + line("denied", "EROFS").replace("\"denied\"", "\"blocked\""));
        assertThat(diff(a, b, false)).isEqualTo(2);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("3 problems in the input")
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
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("new: " + empty + " (0 records)")
                .contains("- p [codex-sandbox]: disappeared, was denied EROFS");
    }
}
