package dev.codexfence.cli;

import static dev.codexfence.cli.HostileTerminalTest.EVIL;
import static dev.codexfence.cli.HostileTerminalTest.EVIL_SHOWN;
import static dev.codexfence.cli.HostileTerminalTest.hostileRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.diff.DiffCommand;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import tools.jackson.databind.node.ObjectNode;

/**
 * The printing code itself escapes what it shows (in-process, without the escaping stream {@link Main} puts in
 * front of the terminal): a line break inside a field never starts a line of its own either.
 */
class TerminalOutputTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.codePoints()
                        .filter(c -> c != '\n')
                        .filter(TerminalText::unsafe)
                        .boxed()
                        .toList())
                .as("raw control characters in:\n%s", text)
                .isEmpty();
        return text;
    }

    @Test
    void failureLinesEscapeTheNameAndEachLineOfTheMessage() {
        RunReport.printFailure(stream, "t\u001b[2J [baseline]", "first" + EVIL + "\nstderr: " + EVIL);
        assertThat(printed())
                .isEqualTo("codex-fence: FAILED t\\e[2J [baseline]: first" + EVIL_SHOWN + "\n" + "    stderr: "
                        + EVIL_SHOWN + "\n");
    }

    @Test
    void skipReasonsAndSetupFailuresAreEscaped() {
        RunReport report = new RunReport();
        report.skipped(1, "mode codex-sandbox cannot run here: " + EVIL);
        report.setupFailure("bad value " + EVIL);
        report.printNotes(stream);
        assertThat(printed())
                .contains("cannot run here: " + EVIL_SHOWN + "\n", "could not start: bad value " + EVIL_SHOWN);
    }

    @Test
    void listenShowsEachFieldOnOneLine() throws Exception {
        ObjectNode r = hostileRecord("term_a", "line one\nline two " + EVIL);
        new ListenSummary().run(new ByteArrayInputStream((r + "\n").getBytes(StandardCharsets.UTF_8)), stream);
        assertThat(printed()).contains("  message:    line one\\nline two " + EVIL_SHOWN + "\n");
    }

    @Test
    void diffTextShowsStacksAndMessagesOnOneLine() throws Exception {
        Path old = tmp.resolve("old.ndjson");
        Path now = tmp.resolve("new.ndjson");
        Files.writeString(old, hostileRecord("term_a", "before\n" + EVIL) + "\n");
        ObjectNode changed = hostileRecord("term_a", "after");
        ((ObjectNode) changed.get("stack")).put("os", "other\nos");
        Files.writeString(now, changed + "\n");
        int exit = new DiffCommand().run(old, now, false, stream, stream);
        assertThat(exit).isEqualTo(1);
        assertThat(printed())
                .contains(
                        "on linux · codex 0.169" + EVIL_SHOWN + " · Linux" + EVIL_SHOWN + " · uid 1000\n",
                        "on linux · codex 0.169" + EVIL_SHOWN + " · other\\nos · uid 1000\n",
                        "message: \"before\\n" + EVIL_SHOWN + "\"");
    }

    @Test
    void badRecordProblemsAreOneEscapedLineEach() {
        BadRecordsException e = new BadRecordsException(List.of("in\u001b.ndjson:1: not JSON: 'x\u001bc'\nsecond"));
        assertThat(e.problems()).containsExactly("in\\e.ndjson:1: not JSON: 'x\\ec'\\nsecond");
        assertThat(e.getMessage()).doesNotContain("\u001b");
    }

    @Test
    void recordsOnStdoutStayTheSameJsonWithoutRawControlCharacters() throws Exception {
        RecordSink sink = new RecordSink(stream, CancellationToken.create(), null);
        String json = FenceJson.MAPPER.writeValueAsString(hostileRecord("term_a", EVIL));
        sink.emit(json);
        String line = printed();
        assertThat(line).endsWith("\n").contains("\\u009b");
        assertThat(FenceJson.MAPPER.readTree(line).at("/result/message").asString())
                .isEqualTo(EVIL);
    }
}
