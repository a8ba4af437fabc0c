package dev.codexfence.cli;

import dev.codexfence.catalog.CatalogException;
import dev.codexfence.catalog.Platform;
import dev.codexfence.engine.CodexFenceTestEngine;
import dev.codexfence.terminal.TerminalText;
import dev.codexfence.engine.ConfigurationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Drives the codex-fence engine through the JUnit Platform Launcher: one discovery request with the CLI's
 * selectors and configuration parameters, executed (once per repetition) with a {@link RunListener}, or
 * only discovered for {@code --list}.
 */
final class MatrixRun {

    /** Kept strongly reachable: the launcher's own discovery-issue logging is replaced by ours. */
    private static final Logger LAUNCHER_LOG = Logger.getLogger("org.junit.platform.launcher.core");

    static {
        LAUNCHER_LOG.setLevel(Level.SEVERE);
    }

    private final CliIo io;
    private final List<DiscoverySelector> selectors;
    private final Map<String, String> config;
    private final Path outputDir;
    /** The NDJSON files the last {@link #execute} wrote, one per repetition. */
    private volatile List<Path> written = List.of();
    /** Notes already printed: every repetition discovers again, a note is shown once per invocation. */
    private final java.util.Set<String> notesPrinted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MatrixRun(CliIo io, List<DiscoverySelector> selectors, Map<String, String> config, Path outputDir) {
        this.io = io;
        this.selectors = List.copyOf(selectors);
        this.config = new LinkedHashMap<>(config);
        this.outputDir = outputDir;
    }

    /**
     * The NDJSON files the last execution wrote (one per repetition): its records alone, never an earlier run's
     * file in the same output folder.
     */
    List<Path> ndjsonFiles() {
        return written;
    }

    private static Launcher launcher() {
        return WarmUp.launcher(MatrixRun::newLauncher);
    }

    static Launcher newLauncher() {
        // only this engine, no service-loader scans: the same engine Surefire or an IDE runs, started fast
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestEngines(new CodexFenceTestEngine())
                .build());
    }

    private LauncherDiscoveryRequest request(Path ndjsonDir, boolean warnings) {
        Map<String, String> params = new LinkedHashMap<>(config);
        params.put(dev.codexfence.engine.Constants.OUTPUT_DIR, ndjsonDir.toString());
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(params)
                .outputDirectoryCreator(new NoPerTestFiles(ndjsonDir))
                .listeners(new IssuePrinter(io.err(), warnings, notesPrinted))
                .build();
    }

    /** Runs the selection {@code repeat} times and returns the exit code. */
    int execute(int repeat) {
        CancellationToken token = CancellationToken.create();
        Interruption interruption = io.installShutdownHook() ? Interruption.install(token, io.out(), io.err(),
                io.terminal().interactive()) : null;
        try {
            return execute(repeat, token, interruption);
        } finally {
            if (interruption != null) {
                interruption.finish(); // lets a pending signal's hook exit with 130, else removes the hook
            }
        }
    }

    private int execute(int repeat, CancellationToken token, Interruption interruption) {
        RecordSink sink = new RecordSink(io.out(), token, io.terminal().interactive() ? io.status() : null);
        RunReport report = new RunReport();
        Progress progress = io.terminal().progress() && io.status() != null
                ? new Progress(io.status(), io.terminal().columns()) : Progress.disabled();
        try {
            Launcher launcher = launcher();
            for (int i = 1; i <= repeat && !token.isCancellationRequested() && !report.hasSetupFailure(); i++) {
                Path dir = repeat == 1 ? outputDir : outputDir.resolve("repeat-" + i);
                String label = repeat == 1 ? "" : "run " + i + "/" + repeat + " ";
                launcher.execute(LauncherExecutionRequestBuilder.request(request(dir, false))
                        .cancellationToken(token)
                        .listeners(new RunListener(io.err(), sink, report, progress, token, label))
                        .build());
            }
        } catch (RuntimeException e) {
            // the engine failed before running anything (discovery aborted): a configuration problem
            report.setupFailure(setupMessage(e));
        } finally {
            progress.stop();
            io.out().flush();
        }
        written = report.ndjsonFiles().stream().map(Path::of).toList();
        boolean interrupted = (interruption != null && interruption.interrupted()) || sink.broken()
                || token.isCancellationRequested();
        report.printNotes(io.err());
        if (sink.broken()) {
            io.err().println("codex-fence: stdout was closed; the run was stopped");
        }
        if (interrupted) {
            io.err().println("codex-fence: interrupted after " + RunReport.plural(sink.written(), "record")
                    + (report.ndjsonFiles().isEmpty() ? "" : "; NDJSON in " + String.join(", ", report.ndjsonFiles())));
        } else if (progress.enabled()) {
            report.printSummary(io.err(), progress.elapsed());
        }
        io.err().flush();
        if (interrupted) {
            return ExitCodes.INTERRUPTED;
        }
        if (report.hasSetupFailure()) {
            return ExitCodes.CONFIGURATION;
        }
        return report.failures() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * {@code --list}: the tests the selection would run, one per line: probe id, mode, capability, note; in a run over
     * several codex releases also the release (after the mode: {@code codex 0.80.0}, {@code -} for baseline).
     */
    int list() {
        TestPlan plan;
        try {
            plan = launcher().discover(request(outputDir, true));
        } catch (RuntimeException e) {
            throw CliException.configuration(setupMessage(e), e);
        }
        List<String[]> rows = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, rows);
        }
        boolean releases = rows.stream().anyMatch(r -> !r[RELEASE].equals("-"));
        int[] columns = releases ? new int[] {0, 1, RELEASE, 2} : new int[] {0, 1, 2};
        int[] width = new int[RELEASE + 1];
        for (String[] r : rows) {
            for (int c : columns) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        PrintStream out = io.out();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                boolean last = i == columns.length - 1;
                sb.append(last && r[3].isEmpty() ? r[c] : pad(r[c], width[c])).append(last ? "" : "  ");
            }
            if (!r[3].isEmpty()) {
                sb.append("  ").append(r[3]);
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
        io.err().println("codex-fence: " + RunReport.plural(rows.size(), "test") + " would run");
        return ExitCodes.OK;
    }

    private static void collect(TestPlan plan, TestIdentifier node, List<String[]> rows) {
        if (node.isTest()) {
            rows.add(row(node));
        }
        for (TestIdentifier child : plan.getChildren(node)) {
            collect(plan, child, rows);
        }
    }

    /** The column of a row holding the codex release. */
    private static final int RELEASE = 4;

    private static String[] row(TestIdentifier test) {
        String release = "-";
        String capability = "-";
        String probe = "-";
        String mode = "-";
        String note = "";
        for (UniqueId.Segment s : test.getUniqueIdObject().getSegments()) {
            switch (s.getType()) {
                case "codex" -> release = "codex " + s.getValue();
                case "capability" -> capability = s.getValue();
                case "probe" -> probe = s.getValue();
                case "mode" -> mode = s.getValue();
                case "coverage" -> {
                    mode = "coverage";
                    note = "no probe exercises it here";
                }
                case "broken-probe" -> {
                    probe = s.getValue();
                    mode = "contract";
                    note = "breaks the probe contract (see the warning)";
                }
                default -> {
                    // engine segment
                }
            }
        }
        String here = Platform.current().map(Platform::id).orElse("");
        boolean platformTagged = test.getTags().stream().map(TestTag::getName)
                .anyMatch(t -> t.equals("linux") || t.equals("macos"));
        if (!"coverage".equals(mode) && platformTagged
                && test.getTags().stream().map(TestTag::getName).noneMatch(here::equals)) {
            note = "skipped here: not for " + (here.isEmpty() ? System.getProperty("os.name") : here);
        }
        // ids come from file names: shown escaped
        return new String[] {TerminalText.line(probe), TerminalText.line(mode), TerminalText.line(capability), note,
                TerminalText.line(release)};
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** The one-line reason a run could not start: the catalog's or configuration's own message if it is one. */
    static String setupMessage(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CatalogException || c instanceof ConfigurationException) {
                return c.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? RunListener.message(e) : RunListener.message(e) + ": " + RunListener.message(root);
    }

    /**
     * The engine's discovery issues on stderr: warnings (broken probes) only for --list, errors always, notes
     * (how a foreign catalog or a record-schema descriptor was read) always, once per invocation.
     */
    private static final class IssuePrinter implements LauncherDiscoveryListener {
        private final PrintStream err;
        private final boolean warnings;
        private final java.util.Set<String> notesPrinted;

        IssuePrinter(PrintStream err, boolean warnings, java.util.Set<String> notesPrinted) {
            this.err = err;
            this.warnings = warnings;
            this.notesPrinted = notesPrinted;
        }

        @Override
        public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
            boolean error = issue.severity().compareTo(DiscoveryIssue.Severity.ERROR) >= 0;
            boolean note = issue.severity() == DiscoveryIssue.Severity.INFO;
            if (note ? notesPrinted.add(issue.message()) : warnings || error) {
                String[] lines = issue.message().split("\n");
                err.println("codex-fence: " + (error ? "error: " : note ? "note: " : "warning: ") + TerminalText.line(lines[0]));
                for (int i = 1; i < lines.length; i++) {
                    err.println("    " + TerminalText.line(lines[i]));
                }
                issue.cause().filter(c -> error).ifPresent(c -> err.println("    "
                        + TerminalText.lines(RunListener.message(c))));
            }
        }
    }

    /**
     * Per-test output folders are off: records stream on stdout and go to the run's NDJSON file, so the
     * engine's per-test record.json copies would only litter the output folder.
     */
    private record NoPerTestFiles(Path root) implements OutputDirectoryCreator {
        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor testDescriptor) throws IOException {
            throw new IOException("per-test output files are disabled by the codex-fence CLI");
        }
    }
}
