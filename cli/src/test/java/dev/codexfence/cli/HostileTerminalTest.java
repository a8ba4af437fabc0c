package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Terminal injection: a probe (fixtures/hostile/terminal) whose record fields and stderr carry ESC, BEL, CR,
 * DEL, TAB and C1 CSI, a probe whose file name carries ESC and BEL, and NDJSON inputs with control characters
 * in stack labels, capability fields, messages and as a token that is not JSON, through {@code --rattle},
 * {@code --bang}, {@code --list}, {@code --listen}, {@code --diff} and {@code --report}, and configuration and
 * usage errors that echo a value. stdout and stderr of every command hold no raw control character but the
 * line break, and show the escaped form instead.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileTerminalTest {

    /** Clear the screen, set the window title, ring, return, DEL, C1 CSI, tab. */
    static final String EVIL = "\u001b[2J\u001b]0;pwned\u0007\rX\u007f\u009b31m\tY";

    static final String EVIL_SHOWN = "\\e[2J\\e]0;pwned\\x07\\rX\\u007f\\u009b31m\\tY";
    static final Path PROBES = CliProcess.fixture("hostile/terminal");

    @TempDir
    Path tmp;

    @Test
    void rattleShowsTheProbesFieldsAndStderrEscaped() throws Exception {
        var r = cli(
                        "--rattle",
                        "--probes",
                        PROBES.toString(),
                        "--probe",
                        "term_fields",
                        "--mode",
                        "baseline",
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertTerminalSafe(r);
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr()).contains("    stderr: probe stderr " + EVIL_SHOWN + "\n");
        // the record on stdout is still the same JSON: every field holds what the probe wrote
        JsonNode record = FenceJson.MAPPER.readTree(r.lines().get(0));
        assertThat(record.at("/result/message").asString()).isEqualTo("message" + EVIL);
        assertThat(record.at("/operation/verb").asString()).isEqualTo("read" + EVIL);
        assertThat(r.stdout()).contains("\\u009b", "\\u007f");
    }

    @Test
    void inCodexSandboxTooWhereTheCodexCliIsInstalled() throws Exception {
        Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
        if (!Files.isExecutable(codex)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but no codex CLI at " + codex + " (bin/install-codex)");
            }
            assumeTrue(false, "no project-local codex CLI at " + codex + " (bin/install-codex)");
        }
        var r = cli(
                        "--rattle",
                        "--probes",
                        PROBES.toString(),
                        "--probe",
                        "term_fields",
                        "--mode",
                        "codex-sandbox",
                        "--codex",
                        codex.toString(),
                        "--timeout",
                        "60",
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertTerminalSafe(r);
        assumeTrue(!r.lines().isEmpty(), "codex cannot sandbox on this host: " + r.stderr());
        assertThat(r.stderr()).contains("FAILED term_fields [codex-sandbox]", "stderr: probe stderr " + EVIL_SHOWN);
    }

    @Test
    void aProbeFileNamedWithControlCharactersIsShownEscaped() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("probes"));
        String name = "term_\u001b[2J\u001b]0;x\u0007";
        Path file;
        try {
            file = root.resolve(name + ".sh");
            Files.writeString(
                    file,
                    Files.readString(PROBES.resolve("term_fields.sh"))
                            .replace("probe_name=\"term_fields\"", "probe_name=\"" + name + "\""));
        } catch (InvalidPathException | IOException e) {
            assumeTrue(false, "this file system refuses control characters in file names: " + e);
            return;
        }
        file.toFile().setExecutable(true);
        for (String command : List.of("--bang", "--list")) {
            List<String> args = new ArrayList<>(List.of(
                    "--bang",
                    "--probes",
                    root.toString(),
                    "--mode",
                    "baseline",
                    "-c",
                    "codex-fence.coverage.missing=skip",
                    "--output",
                    tmp.resolve("out").toString()));
            if (command.equals("--list")) {
                args.add("--list");
            }
            var r = cli(args.toArray(String[]::new)).run();
            assertTerminalSafe(r);
            assertThat(r.stdout() + r.stderr()).as(command).contains("term_\\e[2J\\e]0;x\\x07");
        }
    }

    @Test
    void listenEscapesEveryFieldAndTheBadLines() throws Exception {
        Path input = tmp.resolve("in.ndjson");
        ObjectNode otherStack = hostileRecord("term_b", "second");
        ((ObjectNode) otherStack.get("stack")).put("os", "macOS" + EVIL);
        Files.writeString(
                input,
                hostileRecord("term_a", "message " + EVIL) + "\n" + otherStack + "\n"
                        + hostileRecord("term_c", "third").put("schema_version", "cfbo-" + EVIL) + "\n"
                        + "x\u001bc not json\n",
                StandardCharsets.UTF_8);
        var r = cli("--listen").stdin(input).run();
        assertTerminalSafe(r);
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stdout())
                .contains(
                        "bad line 4: not JSON: ",
                        "x\\ec",
                        "capability: cap_fs_read_workspace_tree (cat" + EVIL_SHOWN + ", layer" + EVIL_SHOWN + ")",
                        "operation:  read" + EVIL_SHOWN,
                        "Linux" + EVIL_SHOWN,
                        "codex 0.169" + EVIL_SHOWN);
    }

    @Test
    void diffEscapesStackLabelsAndMessages() throws Exception {
        Path old = tmp.resolve("old.ndjson");
        Path now = tmp.resolve("new.ndjson");
        Files.writeString(old, hostileRecord("term_a", "before " + EVIL) + "\n", StandardCharsets.UTF_8);
        ObjectNode changed = hostileRecord("term_a", "after " + EVIL);
        ((ObjectNode) changed.get("result")).put("observed_result", "denied").put("errno", "EPERM");
        Files.writeString(now, changed + "\n", StandardCharsets.UTF_8);
        var r = cli("--diff", old.toString(), now.toString()).run();
        assertTerminalSafe(r);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout())
                .contains(
                        "Linux" + EVIL_SHOWN, "message: \"before " + EVIL_SHOWN + "\" → \"after " + EVIL_SHOWN + "\"");
    }

    @Test
    void diffAndReportEscapeTheTokenThatIsNotJson() throws Exception {
        Path bad = tmp.resolve("bad\u001b[31m.ndjson");
        try {
            Files.writeString(bad, "x\u001bc\n", StandardCharsets.UTF_8);
        } catch (InvalidPathException e) {
            bad = tmp.resolve("bad.ndjson");
            Files.writeString(bad, "x\u001bc\n", StandardCharsets.UTF_8);
        }
        var diff = cli("--diff", bad.toString(), bad.toString()).run();
        assertTerminalSafe(diff);
        assertThat(diff.exit()).isEqualTo(2);
        assertThat(diff.stderr()).contains("not JSON", "x\\ec");
        var report = cli("--report", tmp.resolve("map.html").toString(), bad.toString())
                .run();
        assertTerminalSafe(report);
        assertThat(report.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(report.stderr()).contains("not JSON", "x\\ec");
    }

    @Test
    void errorsThatEchoAValueEscapeIt() throws Exception {
        var config = cli(
                        "--rattle",
                        "--probes",
                        PROBES.toString(),
                        "--probe",
                        "term_fields",
                        "--mode",
                        "baseline",
                        "-c",
                        "codex-fence.timeout.seconds=\u001bc",
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertTerminalSafe(config);
        assertThat(config.exit()).isNotZero();
        assertThat(config.stderr()).contains("\\ec");
        var usage = cli("--bogus\u001b[2J").run();
        assertTerminalSafe(usage);
        assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.stderr()).contains("--bogus\\e[2J");
        var mode = cli("--rattle", "--probes", PROBES.toString(), "--probe", "x", "--mode", "base\u009bline")
                .run();
        assertTerminalSafe(mode);
        assertThat(mode.stderr()).contains("base\\u009bline");
    }

    /** A valid cfbo-v1 record with control characters in every free-text field a command shows. */
    static ObjectNode hostileRecord(String id, String message) throws IOException {
        ObjectNode r = (ObjectNode)
                FenceJson.MAPPER.readTree(Files.readAllLines(CliProcess.RESOURCES.resolve("listen-input.ndjson"))
                        .get(0));
        ((ObjectNode) r.get("probe")).put("id", id);
        ((ObjectNode) r.get("stack")).put("os", "Linux" + EVIL).put("codex_cli_version", "0.169" + EVIL);
        ((ObjectNode) r.get("operation")).put("verb", "read" + EVIL).put("target", "target" + EVIL);
        ((ObjectNode) r.get("result")).put("message", message);
        ((ObjectNode) r.get("payload")).put("stdout_snippet", "out" + EVIL).put("stderr_snippet", "err" + EVIL);
        ((ObjectNode) r.at("/capability_context/primary"))
                .put("category", "cat" + EVIL)
                .put("layer", "layer" + EVIL);
        return r;
    }

    /** No character a terminal acts on, except the line break, in stdout or stderr. */
    static void assertTerminalSafe(CliProcess.Result r) {
        for (String stream : List.of("stdout", "stderr")) {
            String text = stream.equals("stdout") ? r.stdout() : r.stderr();
            List<String> raw = text.codePoints()
                    .filter(c -> c != '\n' && TerminalText.unsafe(c))
                    .mapToObj(c -> String.format("U+%04X", c))
                    .distinct()
                    .toList();
            assertThat(raw).as("raw control characters on %s of %s", stream, r).isEmpty();
        }
    }
}
