package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --listen} in-process against the golden summaries in src/test/resources/cli (CliEndToEndTest
 * checks the same goldens through a real process). To regenerate a golden after a deliberate change, run
 * {@code codex-fence --listen < listen-input.ndjson > listen-input.txt} and review the diff.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class ListenCommandTest {

    private record Outcome(int exit, String out, String err) {}

    private static Outcome listen(InputStream in, Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIo io = new CliIo(
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null,
                Map.of(),
                terminal,
                Optional.empty(),
                false);
        int exit = new CodexFenceCli(io).run(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String golden(String name) throws IOException {
        return Files.readString(CliProcess.RESOURCES.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void summarisesAValidStreamLikeTheGolden() throws IOException {
        try (InputStream in = Files.newInputStream(CliProcess.RESOURCES.resolve("listen-input.ndjson"))) {
            Outcome o = listen(in, Terminal.none(), "--listen");
            assertThat(o.exit()).as(o.err()).isZero();
            assertThat(o.out()).isEqualTo(golden("listen-input.txt"));
            assertThat(o.err()).isEmpty();
        }
    }

    @Test
    void concatenatedRunsOfSeveralHostsAreGroupedPerStack() throws IOException {
        String one = golden("listen-input.ndjson")
                .lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElseThrow();
        String other = one.replace("\"platform\":\"linux\"", "\"platform\":\"macos\"")
                .replaceFirst("\"os\":\"[^\"]*\"", "\"os\":\"Darwin 24.1.0 arm64\"");
        assertThat(other).isNotEqualTo(one);
        Outcome o = listen(
                new ByteArrayInputStream((one + "\n" + other + "\n").getBytes(StandardCharsets.UTF_8)),
                Terminal.none(),
                "--listen");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("  stacks:  2")
                .contains("== stack: linux, codex ")
                .contains("== stack: macos, codex ")
                .contains(", Darwin 24.1.0 arm64: 1 record (");
        assertThat(o.out().indexOf("== stack: linux")).isLessThan(o.out().indexOf("== stack: macos"));
    }

    @Test
    void reportsBadLinesByNumberWithoutHidingValidRecords() throws IOException {
        try (InputStream in = Files.newInputStream(CliProcess.RESOURCES.resolve("listen-malformed.ndjson"))) {
            Outcome o = listen(in, Terminal.none(), "-l");
            assertThat(o.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(o.out()).isEqualTo(golden("listen-malformed.txt"));
        }
    }

    @Test
    void emptyInputIsAnEmptySummary() {
        Outcome o = listen(new ByteArrayInputStream(new byte[0]), Terminal.none(), "--listen");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).startsWith("codex-fence listen: 0 records, 0 distinct probes, 0 bad lines\n");
    }

    @Test
    void refusesAnInteractiveTerminalWithAHint() {
        Outcome o = listen(new ByteArrayInputStream(new byte[0]), new Terminal(true, true, true, 80), "--listen");
        assertThat(o.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err())
                .isEqualTo(
                        "codex-fence --listen reads NDJSON on stdin, e.g. codex-fence --bang | codex-fence --listen\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void takesNoRunOptions() {
        Outcome o = listen(new ByteArrayInputStream(new byte[0]), Terminal.none(), "--listen", "--mode", "baseline");
        assertThat(o.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--listen takes no other option (got --mode)");
    }

    @Test
    void snippetsAreCutToOneLine() {
        assertThat(ListenSummary.cut("a\nb\tc\u0001", 80)).isEqualTo("a\\nb\\tc\\x01");
        assertThat(ListenSummary.cut("x".repeat(50), 10)).isEqualTo("xxxxxxxxx…");
    }
}
