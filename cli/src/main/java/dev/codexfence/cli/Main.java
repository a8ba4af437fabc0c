package dev.codexfence.cli;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.engine.internal.terminal.EscapingOutputStream;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code codex-fence}: the command-line entry point. stdout is reserved for NDJSON records (and for the
 * output of list, listen, diff, history and --help); {@code System.out} is pointed at stderr so that nothing else can
 * slip into the record stream.
 */
@API(status = STABLE, since = "0.1")
public final class Main {

    /** Set by the launcher script to the install or checkout root (probes/ and bin/ live under it). */
    static final String FENCE_ROOT_PROPERTY = "fence.root";

    private Main() {}

    public static void main(String[] args) {
        // every text reaches the terminal through an escaping stream; the status line is drawn below it
        PrintStream stdout = new PrintStream(
                new EscapingOutputStream(new FileOutputStream(FileDescriptor.out)), false, StandardCharsets.UTF_8);
        Terminal terminal = Terminal.detect();
        StatusLine status = new StatusLine(new FileOutputStream(FileDescriptor.err));
        PrintStream stderr = new PrintStream(new EscapingOutputStream(status), true, StandardCharsets.UTF_8);
        System.setOut(stderr);
        System.setErr(stderr);
        startWarmUp(args);
        Optional<Path> fenceRoot = Optional.ofNullable(System.getProperty(FENCE_ROOT_PROPERTY))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize());
        CliIo io = new CliIo(
                System.in,
                stdout,
                stderr,
                terminal.progress() ? status : null,
                System.getenv(),
                terminal,
                fenceRoot,
                true);
        int code;
        try {
            code = new CodexFenceCli(io).run(args);
        } catch (RuntimeException | Error e) {
            stderr.println("codex-fence: internal error: " + TerminalText.line(e.toString()));
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            // the trace's own indentation (a tab) as spaces; anything else unsafe escaped
            trace.toString()
                    .lines()
                    .skip(1)
                    .forEach(l -> stderr.println(TerminalText.line(l.replaceFirst("^\t+", "    "))));
            code = ExitCodes.CONFIGURATION;
        }
        stdout.flush();
        stderr.flush();
        System.exit(code);
    }

    /** The words that name a command running the engine (bang, rattle, list and their flags). */
    private static final java.util.Set<String> RUNS =
            java.util.Set.of(BangCommand.NAME, "--bang", "-b", RattleCommand.NAME, "--rattle", "-r", ListCommand.NAME);
    /** The words that name a command that only reads NDJSON. */
    private static final java.util.Set<String> READS = java.util.Set.of(
            ListenCommand.NAME,
            "--listen",
            "-l",
            DiffCommand.NAME,
            "--diff",
            HistoryCommand.NAME,
            "--history",
            ReportCommand.NAME,
            "--report",
            "help");

    /**
     * Starts the {@link WarmUp} unless only help or the version is asked for; the launcher only for a command that
     * runs the engine (the first command word decides).
     */
    private static void startWarmUp(String[] args) {
        boolean runs = false;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return;
            }
        }
        for (String a : args) {
            if (RUNS.contains(a) || READS.contains(a) || a.startsWith("--report=")) {
                runs = RUNS.contains(a);
                break;
            }
        }
        WarmUp.start(runs ? MatrixRun::newLauncher : null);
    }
}
