package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.expect.ExpectationGate;
import dev.codexfence.engine.internal.report.FenceMapReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the run's fence map ({@link Constants#REPORT_FILE}; a relative path next to the NDJSON file) and names it
 * in report entry {@link Constants#REPORT_ENTRY_KEY}.
 */
final class FenceMapObserver implements RunObserver {

    private final CapabilityCatalog catalog;
    private final ExpectationGate gate;
    private final Path file;

    FenceMapObserver(CapabilityCatalog catalog, ExpectationGate gate, Path file) {
        this.catalog = catalog;
        this.gate = gate;
        this.file = file;
    }

    @Override
    public void runFinished(FinishedRun run, EngineReport report) {
        Path written = new FenceMapReport(catalog, gate::expectationsFor)
                .write(run.ndjson().resolveSibling(file), List.of(run.ndjson().toString()), run.records());
        report.publish(Constants.REPORT_ENTRY_KEY, written.toString());
    }
}
