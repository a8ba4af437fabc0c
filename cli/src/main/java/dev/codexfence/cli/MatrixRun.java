package dev.codexfence.cli;

import dev.codexfence.engine.CodexFenceTestEngine;
import dev.codexfence.engine.internal.catalog.CatalogException;
import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Drives the codex-fence engine through the JUnit Platform Launcher: one discovery request with the selection's
 * selectors and filters ({@link TestSelection}) and the configuration parameters, discovered and executed (once per
 * repetition) with a {@link RunListener}, or only discovered for {@code list}.
 */
final class MatrixRun {

    /** Kept strongly reachable: the launcher's own discovery-issue logging is replaced by ours. */
    private static final Logger LAUNCHER_LOG = Logger.getLogger("org.junit.platform.launcher.core");

    static {
        LAUNCHER_LOG.setLevel(Level.SEVERE);
    }

    private final CliIo io;
    private final TestSelection selection;
    private final Map<String, String> config;
    private final Path outputDir;
    /** Whether an empty selection is fine (one part of a sharded matrix may hold no test). */
    private final boolean mayBeEmpty;
    /** The NDJSON files the last {@link #execute} wrote, one per repetition. */
    private volatile List<Path> written = List.of();
    /** Notes already printed: every repetition discovers again, a note is shown once per invocation. */
    private final java.util.Set<String> notesPrinted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MatrixRun(CliIo io, TestSelection selection, RunSetup setup) {
        this.io = io;
        this.selection = selection;
        this.config = new LinkedHashMap<>(setup.config());
        this.outputDir = setup.output();
        this.mayBeEmpty = setup.sharded();
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
                .selectors(selection.selectors())
                .filters(selection.filters().toArray(PostDiscoveryFilter[]::new))
                .configurationParameters(params)
                .outputDirectoryCreator(new NoPerTestFiles(ndjsonDir))
                .listeners(new IssuePrinter(io.err(), warnings, notesPrinted))
                .build();
    }

    /** Runs the selection {@code repeat} times and returns the exit code. */
    int execute(int repeat) {
        CancellationToken token = CancellationToken.create();
        Interruption interruption = io.installShutdownHook()
                ? Interruption.install(token, io.out(), io.err(), io.terminal().interactive())
                : null;
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
                ? new Progress(io.status(), io.terminal().columns())
                : Progress.disabled();
        try {
            Launcher launcher = launcher();
            for (int i = 1; i <= repeat && !token.isCancellationRequested() && !report.hasSetupFailure(); i++) {
                Path dir = repeat == 1 ? outputDir : outputDir.resolve("repeat-" + i);
                String label = repeat == 1 ? "" : "run " + i + "/" + repeat + " ";
                TestPlan plan = launcher.discover(request(dir, false));
                if (i == 1) {
                    requireTests(plan);
                }
                launcher.execute(LauncherExecutionRequestBuilder.request(plan)
                        .cancellationToken(token)
                        .listeners(new RunListener(io.err(), sink, report, progress, token, label))
                        .build());
            }
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            // the engine failed before running anything (discovery aborted): a configuration problem
            report.setupFailure(setupMessage(e));
        } finally {
            progress.stop();
            io.out().flush();
        }
        written = report.ndjsonFiles().stream().map(Path::of).toList();
        boolean interrupted = (interruption != null && interruption.interrupted())
                || sink.broken()
                || token.isCancellationRequested();
        report.printNotes(io.err());
        if (sink.broken()) {
            io.err().println("codex-fence: stdout was closed; the run was stopped");
        }
        if (interrupted) {
            io.err()
                    .println("codex-fence: interrupted after " + RunReport.plural(sink.written(), "record")
                            + (report.ndjsonFiles().isEmpty()
                                    ? ""
                                    : "; NDJSON in " + String.join(", ", report.ndjsonFiles())));
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
     * {@code list}: the tests the selection would run, one per line ({@link TestListing}), read from the discovered
     * test plan.
     *
     * @param detailed whether each line also shows the test's source and tags
     */
    int list(boolean detailed) {
        TestPlan plan;
        try {
            plan = launcher().discover(request(outputDir, true));
        } catch (RuntimeException e) {
            throw CliException.configuration(setupMessage(e), e);
        }
        requireTests(plan);
        List<PlannedTest> tests = TestListing.tests(plan);
        new TestListing(detailed).print(tests, io.out());
        io.out().flush();
        io.err().println("codex-fence: " + RunReport.plural(tests.size(), "test") + " would run");
        return ExitCodes.OK;
    }

    /**
     * A tag filter that selects nothing is a usage error, before anything runs: the tags name no test of the probe
     * root (a part of a sharded matrix may be empty, though).
     */
    private void requireTests(TestPlan plan) {
        if (selection.filtered() && !mayBeEmpty && !plan.containsTests()) {
            throw CliException.usage("nothing to run: no test of the probe root "
                    + config.get(dev.codexfence.engine.Constants.PROBES_ROOT) + " in the modes "
                    + config.get(dev.codexfence.engine.Constants.MODES) + " carries " + selection.description()
                    + " (a test carries its capability, its probe's secondary capabilities and probe tags, category,"
                    + " layer, mode and platforms; a capability without a probe has a coverage test only where it"
                    + " applies)");
        }
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
                err.println("codex-fence: " + (error ? "error: " : note ? "note: " : "warning: ")
                        + TerminalText.line(lines[0]));
                for (int i = 1; i < lines.length; i++) {
                    err.println("    " + TerminalText.line(lines[i]));
                }
                issue.cause()
                        .filter(c -> error)
                        .ifPresent(c -> err.println("    " + TerminalText.lines(RunListener.message(c))));
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
