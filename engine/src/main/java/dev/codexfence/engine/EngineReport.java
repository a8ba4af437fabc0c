package dev.codexfence.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * What the engine tells about its run as a whole, through the platform and never on a stream of its own: report
 * entries on the engine node (the CLI prints them; Open Test Reporting keeps them; Surefire's console does not show
 * them), and the failures that fail the engine node at the end of the run (which every front end shows).
 */
final class EngineReport {

    private final EngineExecutionListener listener;
    private final TestDescriptor engine;
    private final List<String> failures = new ArrayList<>();

    EngineReport(EngineExecutionListener listener, TestDescriptor engine) {
        this.listener = listener;
        this.engine = engine;
    }

    /** Publishes {@code key=value} on the engine node; a blank value is not published (the platform refuses it). */
    void publish(String key, String value) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(key, value);
        publish(entry);
    }

    /** Publishes one report entry of several pairs, in their order; pairs with a blank value are left out. */
    void publish(Map<String, String> pairs) {
        Map<String, String> kept = new LinkedHashMap<>();
        pairs.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                kept.put(k, v);
            }
        });
        if (!kept.isEmpty()) {
            listener.reportingEntryPublished(engine, ReportEntry.from(kept));
        }
    }

    /** Something a user must hear of while the run goes on ({@link Constants#NOTE_ENTRY_KEY}). */
    void note(String message) {
        publish(Constants.NOTE_ENTRY_KEY, message);
    }

    /** A reason for the engine node to fail once every observer has run. */
    synchronized void fail(String message) {
        failures.add(message);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }
}
