package dev.codexfence.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names the run's NDJSON file and how many records it holds: one report entry with
 * {@link Constants#NDJSON_ENTRY_KEY} and {@link Constants#NDJSON_RECORDS_ENTRY_KEY}.
 */
final class NdjsonFileObserver implements RunObserver {

    @Override
    public void runFinished(FinishedRun run, EngineReport report) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(Constants.NDJSON_ENTRY_KEY, run.ndjson().toString());
        entry.put(
                Constants.NDJSON_RECORDS_ENTRY_KEY,
                Integer.toString(run.records().size()));
        report.publish(entry);
    }
}
