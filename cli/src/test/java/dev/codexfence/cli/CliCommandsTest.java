package dev.codexfence.cli;

import static dev.codexfence.cli.CliInProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands as picocli subcommands, and the original tool's flags as their aliases: each old spelling does what
 * its command does (same output, same exit code), wherever on the command line it stands; each command has its own
 * help. In-process; CliEndToEndTest runs the same spellings as separate processes.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliCommandsTest {

    private static final Path HEALTHY = CliProcess.fixture("healthy");
    private static final Path CATALOG = CliProcess.fixture("cli-catalog/catalog.json");
    private static final String[] ROOT = {
        "--probes", HEALTHY.toString(), "--catalog", CATALOG.toString(), "-m", "baseline"
    };
    /** The same root with the bundled catalog, whose other capabilities have coverage tests. */
    private static final String[] BUNDLED = {"--probes", HEALTHY.toString(), "-m", "baseline"};

    @TempDir
    Path dir;

    private static String[] args(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String[] with(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    // ---- each alias ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"--bang", "-b"})
    void bangFlagsAreAliasesOfBang(String flag) {
        var command = run(with(args("bang", BUNDLED), "--list"));
        assertThat(command.exit()).as(command.toString()).isZero();
        // the whole root: its probes and the coverage tests of the catalog's other capabilities
        assertThat(command.lines())
                .anyMatch(l -> l.matches("fx_read_ws +baseline +cap_fs_read_workspace_tree"))
                .anyMatch(l -> l.matches("- +coverage +cap_net_outbound_any +no probe exercises it here"));
        var alias = run(with(args(flag, BUNDLED), "--list"));
        assertThat(alias).isEqualTo(command);
        var behind = run(with(BUNDLED, "--list", flag));
        assertThat(behind).as("the flag after the options").isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--rattle", "-r"})
    void rattleFlagsAreAliasesOfRattle(String flag) {
        var command = run(with(args("rattle", ROOT), "--probe", "fx_write_ws", "--list"));
        assertThat(command.exit()).as(command.toString()).isZero();
        assertThat(command.lines()).containsExactly("fx_write_ws  baseline  cap_fs_write_workspace_tree");
        assertThat(run(with(args(flag, ROOT), "--probe", "fx_write_ws", "--list")))
                .isEqualTo(command);
        assertThat(run(with(ROOT, "--probe", "fx_write_ws", flag, "--list"))).isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--listen", "-l"})
    void listenFlagsAreAliasesOfListen(String flag) throws IOException {
        byte[] input = Files.readAllBytes(CliProcess.RESOURCES.resolve("listen-input.ndjson"));
        var command = CliInProcess.run(new ByteArrayInputStream(input), "listen");
        assertThat(command.exit()).as(command.toString()).isZero();
        assertThat(command.out())
                .isEqualTo(Files.readString(CliProcess.RESOURCES.resolve("listen-input.txt"), StandardCharsets.UTF_8));
        assertThat(CliInProcess.run(new ByteArrayInputStream(input), flag)).isEqualTo(command);
    }

    @Test
    void diffFlagIsAnAliasOfDiff() throws IOException {
        Path a = ndjson("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Files.writeString(
                b,
                Files.readString(a).replaceFirst("\"observed_result\":\"success\"", "\"observed_result\":\"denied\""));
        var command = run("diff", a.toString(), b.toString());
        assertThat(command.exit()).as(command.toString()).isEqualTo(1);
        assertThat(command.out()).contains("denied");
        assertThat(run("--diff", a.toString(), b.toString())).isEqualTo(command);
        assertThat(run(a.toString(), b.toString(), "--diff"))
                .as("the flag after the files")
                .isEqualTo(command);
        assertThat(run("--diff", a.toString(), a.toString()).exit()).isZero();
    }

    @Test
    void historyFlagIsAnAliasOfHistory() {
        List<String> shards = dev.codexfence.engine.internal.history.RecordedShards.files().stream()
                .map(Path::toString)
                .toList();
        var command = run(with(new String[] {"history"}, shards.toArray(String[]::new)));
        assertThat(command.exit()).as(command.toString()).isEqualTo(1);
        assertThat(command.out()).contains("between 0.80.0 and 0.120.0: 37 cells changed");
        assertThat(run(with(new String[] {"--history"}, shards.toArray(String[]::new))))
                .isEqualTo(command);
    }

    @Test
    void reportFlagIsAnAliasOfReportWithItsFileAsItsValue() throws IOException {
        Path in = ndjson("in.ndjson");
        for (List<String> spelling : List.of(
                List.of("report", "r1.html", in.toString()),
                List.of("--report", "r2.html", in.toString()),
                List.of("--report=r3.html", in.toString()),
                List.of(in.toString(), "--report", "r4.html"))) {
            List<String> absolute = spelling.stream()
                    .map(s -> s.endsWith(".html") && !s.startsWith("--")
                            ? dir.resolve(s).toString()
                            : s.replace("--report=", "--report=" + dir + "/"))
                    .toList();
            var r = run(absolute.toArray(String[]::new));
            assertThat(r.exit()).as(spelling + "\n" + r).isZero();
            String html = spelling.stream()
                    .filter(s -> s.endsWith(".html"))
                    .findFirst()
                    .orElseThrow()
                    .replace("--report=", "");
            assertThat(r.err()).isEqualTo("codex-fence: fence map written to " + dir.resolve(html) + "\n");
            assertThat(Files.readString(dir.resolve(html))).contains("<html").contains("fx_read_ws");
        }
    }

    /** NDJSON of the golden listen input (valid cfbo-v1 records). */
    private Path ndjson(String name) throws IOException {
        Path f = dir.resolve(name);
        Files.copy(CliProcess.RESOURCES.resolve("listen-input.ndjson"), f);
        return f;
    }

    // ---- usage ---------------------------------------------------------------------------------------

    @Test
    void aCommandLineNamesExactlyOneCommand() {
        var none = run("--probes", HEALTHY.toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err())
                .startsWith("codex-fence: choose one of the commands bang (--bang, -b), rattle (--rattle, -r),"
                        + " list, listen (--listen, -l), diff (--diff), history (--history), report (--report)")
                .contains("Try 'codex-fence --help'");
        assertThat(run().err()).startsWith("codex-fence: choose one of the commands");
        assertThat(run("-b", "-l").err()).contains("choose only one of the commands", "(got -b and -l)");
        assertThat(run("bang", "--rattle").err()).contains("(got bang and --rattle)");
        assertThat(run("--bang", "--report=x.html").exit()).isEqualTo(ExitCodes.USAGE);
        // a value of an option is not a command: -c takes one
        var value = run("list", "--probes", HEALTHY.toString(), "-m", "baseline", "-c", "-b=1");
        assertThat(value.exit()).as(value.toString()).isZero();
        assertThat(value.err()).doesNotContain("choose");
    }

    @Test
    void anOptionOfAnotherCommandSaysWhichCommandsTakeIt() {
        assertThat(run("bang", "--probe", "fx_read_ws").err())
                .startsWith("codex-fence: --probe goes with rattle or list, not bang\nTry 'codex-fence bang --help'");
        assertThat(run("--bang", "--cap", "x").err())
                .startsWith("codex-fence: --cap goes with --rattle or list, not --bang");
        assertThat(run("--report", "m.html", "--json").err())
                .startsWith("codex-fence: --json goes with --diff or --history," + " not --report");
        assertThat(run("listen", "--mode", "baseline").err())
                .startsWith("codex-fence: listen takes no other option (got --mode)");
        assertThat(run("-l", "--mode=baseline").err())
                .startsWith("codex-fence: --listen takes no other option (got --mode)");
        assertThat(run("bang", "run.ndjson").err())
                .startsWith("codex-fence: bang takes no files or other arguments"
                        + " (got run.ndjson); only diff, history and report read NDJSON files");
        assertThat(run("--between", "0.80.0", "0.120.0", "x.ndjson").err())
                .startsWith("codex-fence: choose one of the" + " commands")
                .contains("(--between goes with diff)");
        assertThat(run("rattle", "--probes", HEALTHY.toString()).err())
                .startsWith("codex-fence: rattle needs at least one --cap ID or --probe ID (or --tag EXPR)");
        assertThat(run("bang", "--list", "--record-expectations").err())
                .contains("--record-expectations needs a run, not --list");
        assertThat(run("bang", "--bogus").err()).startsWith("codex-fence: Unknown option: '--bogus'");
    }

    // ---- help ----------------------------------------------------------------------------------------

    @Test
    void theTopLevelHelpListsTheCommandsWithTheirOldSpellingsTheExitCodesAndExamples() {
        var r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "Usage: codex-fence COMMAND",
                        "bang, --bang, -b",
                        "rattle, --rattle, -r",
                        "list ",
                        "listen, --listen, -l",
                        "diff, --diff",
                        "history, --history",
                        "report, --report",
                        "help ",
                        "Exit codes:",
                        "130",
                        "MODES",
                        "CODEX_FENCE_PROBES",
                        "CODEX_FENCE_CATALOG",
                        "codex-fence --bang | codex-fence --listen",
                        "codex-fence rattle --cap");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(r.err()).isEmpty();
        assertThat(run("-h")).isEqualTo(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bang", "rattle", "list", "listen", "diff", "history", "report"})
    void everyCommandHasItsOwnHelp(String command) {
        var r = run(command, "--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: codex-fence " + command, "Exit codes:", "-h, --help");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(run("help", command)).as("codex-fence help " + command).isEqualTo(r);
        List<String> expected = switch (command) {
            case "bang" ->
                List.of(
                        "--probes=DIR",
                        "--mode=MODE",
                        "--catalog=FILE",
                        "--codex=PATH",
                        "--codex-version=V",
                        "--shard=K/N",
                        "--config=KEY=VALUE",
                        "--repeat=N",
                        "--timeout=SECONDS",
                        "--output=DIR",
                        "--parallel=N",
                        "--record-expectations",
                        "--list");
            case "rattle" ->
                List.of(
                        "--cap=ID",
                        "--tag=EXPR",
                        "--probe=ID",
                        "--probes=DIR",
                        "--mode=MODE",
                        "--repeat=N",
                        "--list",
                        "mvn test -Dgroups");
            case "list" -> List.of("--cap=ID", "--tag=EXPR", "--probe=ID", "--probes=DIR", "--mode=MODE", "--long");
            case "listen" -> List.of("stdin");
            case "diff" -> List.of("--between=RELEASE RELEASE", "--json", "FILE");
            case "history" -> List.of("--json", "FILE");
            case "report" -> List.of("OUT.html", "FILE");
            default -> throw new AssertionError(command);
        };
        assertThat(r.out()).contains(expected);
        if (!command.equals("rattle") && !command.equals("list")) {
            assertThat(r.out()).doesNotContain("--cap=");
        }
    }

    @Test
    void anOldSpellingWithHelpShowsItsCommandsHelp() {
        assertThat(run("--rattle", "--help")).isEqualTo(run("rattle", "--help"));
        assertThat(run("-b", "-h")).isEqualTo(run("bang", "-h"));
    }

    @Test
    void listLongShowsEachTestsSourceAndTags() {
        var r = run(with(args("list", ROOT), "--cap", "cap_fs_read_workspace_tree", "--long"));
        assertThat(r.exit()).as(r.toString()).isZero();
        String here = Platform.current().orElse(Platform.LINUX).id();
        assertThat(r.lines())
                .hasSize(2)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("fx_write_ws  baseline  cap_fs_write_workspace_tree")
                        .contains("fx_write_ws.sh:6", "cap_fs_read_workspace_tree", here));
    }
}
