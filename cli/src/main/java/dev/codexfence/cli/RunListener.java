package dev.codexfence.cli;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.record.Redactor;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.PrintStream;
import java.util.Map;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Follows one execution: streams each "cfbo" report entry to stdout the moment it is published, keeps the
 * progress line and the report up to date, and prints failures on stderr as they happen, as well as what the
 * engine reports on the run as a whole (its report entries: notes, the NDJSON file and its record count, the
 * expectations summary, the fence map), since the engine itself never prints.
 */
final class RunListener implements TestExecutionListener {

    private final PrintStream err;
    private final RecordSink sink;
    private final RunReport report;
    private final Progress progress;
    private final CancellationToken token;
    private final String repetition;
    private volatile TestPlan plan;
    /** Whether the engine got past opening its run (a node below it started or was skipped). */
    private volatile boolean opened;

    RunListener(
            PrintStream err,
            RecordSink sink,
            RunReport report,
            Progress progress,
            CancellationToken token,
            String repetition) {
        this.err = err;
        this.sink = sink;
        this.report = report;
        this.progress = progress;
        this.token = token;
        this.repetition = repetition;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        progress.begin(repetition, (int) testPlan.countTestIdentifiers(TestIdentifier::isTest));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.getParentIdObject().isPresent()) {
            opened = true;
        }
        if (id.isTest()) {
            progress.started(id.getDisplayName());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        opened = true;
        int tests = id.isTest()
                ? 1
                : (int) plan.getDescendants(id).stream()
                        .filter(TestIdentifier::isTest)
                        .count();
        String capability = coverageGap(id);
        if (capability != null && !token.isCancellationRequested()) {
            report.coverageGap(capability, false);
        }
        report.skipped(tests, token.isCancellationRequested() || capability != null ? null : reason);
        progress.finished(tests);
    }

    /** The capability of a coverage test (a capability without a probe), else null. */
    static String coverageGap(TestIdentifier id) {
        PlannedTest test = PlannedTest.of(id);
        return test.kind() == PlannedTest.Kind.COVERAGE ? test.capability() : null;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean bad = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        String message = result.getThrowable().map(RunListener::message).orElse(null);
        if (id.isTest()) {
            progress.finished(1);
            if (!bad) {
                report.passed();
                return;
            }
            report.failed();
            String capability = coverageGap(id);
            if (capability != null) {
                report.coverageGap(capability, true); // many at once: one line at the end
            } else if (!token.isCancellationRequested()) {
                RunReport.printFailure(err, id.getDisplayName(), message);
            }
        } else if (bad) {
            if (id.getParentIdObject().isEmpty() && !opened) {
                report.setupFailure(message == null ? "the engine failed" : message);
            } else {
                report.failed();
                RunReport.printFailure(err, id.getDisplayName(), message);
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> pairs = entry.getKeyValuePairs();
        String record = pairs.get(Constants.RECORD_ENTRY_KEY);
        if (record != null) {
            sink.emit(record);
            report.record(record, progress.enabled());
        }
        String ndjson = pairs.get(Constants.NDJSON_ENTRY_KEY);
        if (ndjson != null) {
            report.ndjson(ndjson);
            records(pairs.get(Constants.NDJSON_RECORDS_ENTRY_KEY))
                    .ifPresent(n -> err.println(
                            "codex-fence: " + RunReport.plural(n, "record") + " in " + TerminalText.line(ndjson)));
        }
        if (id.getParentIdObject().isEmpty()) {
            // the engine's own entries: what it has to tell about the run as a whole, printed as it comes
            print(pairs.get(Constants.NOTE_ENTRY_KEY), "");
            print(pairs.get(Constants.EXPECTATIONS_ENTRY_KEY), "");
            print(pairs.get(Constants.REPORT_ENTRY_KEY), "fence map in ");
        }
    }

    private void print(String value, String prefix) {
        if (value != null) {
            err.println("codex-fence: " + prefix + TerminalText.lines(Redactor.redact(value)));
        }
    }

    private static java.util.Optional<Integer> records(String count) {
        try {
            return count == null ? java.util.Optional.empty() : java.util.Optional.of(Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The throwable's message, else its cause's, else its class name. */
    static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return t.toString();
    }
}
