package dev.codexfence.engine.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.json.FenceJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The --history entry point: text, JSON, and exit status 0 / 1 / 2. */
class HistoryCommandTest {

    private static final String CAP = "cap_fs_write_user_home";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int history(List<Path> files, boolean json) {
        return new HistoryCommand()
                .run(
                        files,
                        json,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, ObjectNode... records) throws IOException {
        return Files.writeString(dir.resolve(name), TestRecords.ndjson(List.of(records)));
    }

    private static ObjectNode rec(String version, String os, String result, String errno) {
        return TestRecords.json("p", CAP, "codex-sandbox", result, errno, "m", "linux", version, os);
    }

    @Test
    void noChangeIsZeroAChangeIsOneAndTheJsonSaysWhere() throws IOException {
        Path a = file("a.ndjson", rec("0.80.0", TestRecords.OS, "denied", "EACCES"));
        Path b = file("b.ndjson", rec("0.120.0", TestRecords.OS, "denied", "EACCES"));
        Path c = file("c.ndjson", rec("0.171.0", TestRecords.OS, "denied", "EROFS"));
        assertThat(history(List.of(a, b), false)).isEqualTo(FenceHistory.UNCHANGED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("between 0.80.0 and 0.120.0: no cell changed");
        out.reset();
        assertThat(history(List.of(c, a, b), true)).isEqualTo(FenceHistory.CHANGED);
        JsonNode json = FenceJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("format").asString()).isEqualTo(HistoryJson.FORMAT);
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("records").asInt()).isEqualTo(3);
        JsonNode line = json.at("/lines/0");
        assertThat(line.at("/host/os").asString()).isEqualTo(TestRecords.OS);
        assertThat(line.get("releases").findValuesAsString("version")).containsExactly("0.80.0", "0.120.0", "0.171.0");
        assertThat(line.at("/steps/1/from").asString()).isEqualTo("0.120.0");
        assertThat(line.at("/steps/1/changed").asInt()).isEqualTo(1);
        assertThat(line.at("/steps/1/directions/errno").asInt()).isEqualTo(1);
        assertThat(line.at("/steps/1/groups/0/old").asString()).isEqualTo("denied EACCES");
        assertThat(line.at("/steps/1/groups/0/new").asString()).isEqualTo("denied EROFS");
        assertThat(line.at("/steps/1/groups/0/cells/0/probe").asString()).isEqualTo("p");
        JsonNode cell = line.at("/cells/0");
        assertThat(cell.get("changed").asBoolean()).isTrue();
        assertThat(cell.at("/observations/2/outcomes/0/errno").asString()).isEqualTo("EROFS");
        assertThat(cell.at("/observations/2/outcomes/0/where/0").asString()).isEqualTo(c + ":1");
        assertThat(cell.at("/changes/0/direction").asString()).isEqualTo("errno");
        assertThat(err.size()).isZero();
    }

    @Test
    void badLinesOfEveryInputAreListedWithFileAndLineAndExitTwo() throws IOException {
        Path a = file("a.ndjson", rec("0.80.0", TestRecords.OS, "denied", "EACCES"));
        Path broken = Files.writeString(dir.resolve("broken.ndjson"), "{not json\n");
        assertThat(history(List.of(a, broken, dir.resolve("missing.ndjson")), false))
                .isEqualTo(FenceHistory.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("codex-fence --history: 2 problems in the input:")
                .contains(broken + ":1: not JSON")
                .contains("missing.ndjson: does not exist");
        assertThat(out.size()).isZero();
    }

    @Test
    void standardInputIsAnInputToo() {
        String ndjson = TestRecords.ndjson(List.of(
                rec("0.80.0", TestRecords.OS, "denied", "EACCES"), rec("0.120.0", TestRecords.OS, "success", null)));
        int exit = new HistoryCommand()
                .run(
                        "<stdin>",
                        new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                        false,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(FenceHistory.CHANGED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("inputs: <stdin> (2 records)")
                .contains("1 cell changed (1 now allowed)")
                .contains("~ p [codex-sandbox]: denied EACCES (0.80.0) → success (0.120.0)");
    }

    @Test
    void textFromTheRecordsReachesTheTerminalEscaped() throws IOException {
        String os = "Linux 6.18\u001b[2J\u001b]0;owned\u0007\nx86_64";
        Path a = file("a.ndjson", rec("0.80.0", os, "denied", "EACCES"));
        Path b = file("b.ndjson", rec("0.120.0\u009b", os, "success", null));
        history(List.of(a, b), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("linux · Linux 6.18\\e[2J\\e]0;owned\\x07\\nx86_64 · uid 0")
                .contains("0.120.0\\u009b");
        assertThat(text.chars().filter(ch -> ch < 0x20 && ch != '\n' || ch >= 0x7f && ch <= 0x9f))
                .isEmpty();
    }
}
