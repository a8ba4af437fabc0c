package dev.codexfence.engine;

import dev.codexfence.engine.internal.expect.ExpectationGate;

/**
 * Sums up the run's expectations: one report entry {@link Constants#EXPECTATIONS_ENTRY_KEY} per file used (and per
 * warning, such as a stack without a file); under {@code codex-fence.expectations.unlisted=fail}, entries that name
 * no probe fail the run. (Drift itself fails each drifted test as it runs.)
 */
final class ExpectationsSummaryObserver implements RunObserver {

    private final ExpectationGate gate;

    ExpectationsSummaryObserver(ExpectationGate gate) {
        this.gate = gate;
    }

    @Override
    public void runFinished(FinishedRun run, EngineReport report) {
        ExpectationGate.Summary summary = gate.finish(run.probeRoots());
        for (String line : summary.lines()) {
            report.publish(Constants.EXPECTATIONS_ENTRY_KEY, line);
        }
        summary.failure().ifPresent(report::fail);
    }
}
