package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.expect.ExpectationsRecorder;
import dev.codexfence.engine.internal.expect.ExpectationsWriter;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Post-run reporting: after the session closed, the engine node's observers report the run through the platform
 * (report entries on the engine node, in order: the NDJSON file with its record count, the expectations summary,
 * the fence map), never on stdout or stderr; one that fails fails the engine node, and the others still report.
 */
class RunReportingTest {

    private static final Path HEALTHY = Fixtures.tree("healthy");

    @TempDir
    Path work;

    private EngineExecutionResults run(String name, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                Constants.MISSING_COVERAGE,
                "skip",
                Constants.EXPECTATIONS_DIR,
                work.resolve("expectations").toString(),
                Constants.EXPECTATIONS_ENABLED,
                "true",
                Constants.EXPECTATIONS_UNLISTED,
                "warn"));
        config.putAll(extra);
        return Fixtures.kit(work.resolve(name), config, selectDirectory(HEALTHY.toFile()))
                .execute();
    }

    /** The report entries published on the engine node, in order. */
    private static List<Map<String, String>> engineEntries(EngineExecutionResults results) {
        return results.allEvents().list().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .filter(e -> e.getTestDescriptor().getParent().isEmpty())
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .toList();
    }

    private void recordExpectations() throws Exception {
        var first = run("first", Map.of(Constants.EXPECTATIONS_ENABLED, "false"));
        first.testEvents().assertStatistics(s -> s.failed(0));
        Path ndjson = Path.of(engineEntries(first).get(0).get(Constants.NDJSON_ENTRY_KEY));
        List<RecordLine> lines = new RecordReader().read(ndjson);
        new ExpectationsWriter()
                .write(
                        ExpectationsRecorder.record(
                                lines.stream().map(RecordLine::record).toList()),
                        Optional.empty(),
                        Files.createDirectories(work.resolve("expectations")),
                        true);
    }

    @Test
    void theEngineReportsTheRunThroughReportEntriesInOrderAndNeverPrints() throws Exception {
        recordExpectations();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EngineExecutionResults results;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            results = run("second", Map.of(Constants.REPORT_FILE, "map.html"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .as("what the engine printed")
                .isEmpty();
        results.testEvents().assertStatistics(s -> s.failed(0));
        long tests = results.testEvents().succeeded().count();
        assertThat(tests).isPositive();

        List<Map<String, String>> entries = engineEntries(results);
        assertThat(entries).hasSize(3);
        Path ndjson = Path.of(entries.get(0).get(Constants.NDJSON_ENTRY_KEY));
        assertThat(entries.get(0))
                .containsOnlyKeys(Constants.NDJSON_ENTRY_KEY, Constants.NDJSON_RECORDS_ENTRY_KEY)
                .containsEntry(Constants.NDJSON_RECORDS_ENTRY_KEY, Long.toString(tests));
        assertThat(Files.readAllLines(ndjson)).hasSize((int) tests);
        assertThat(entries.get(1))
                .containsOnly(Map.entry(
                        Constants.EXPECTATIONS_ENTRY_KEY,
                        "expectations " + work.resolve("expectations/linux-no-codex.json") + ": " + tests
                                + " runs checked, 0 drifted"));
        assertThat(entries.get(2))
                .containsOnly(Map.entry(
                        Constants.REPORT_ENTRY_KEY,
                        ndjson.resolveSibling("map.html").toString()));
        assertThat(ndjson.resolveSibling("map.html")).isRegularFile();
    }

    @Test
    void anObserverThatFailsFailsTheEngineNodeAndTheOthersStillReport() throws Exception {
        recordExpectations();
        Path blocker = Files.writeString(work.resolve("blocker"), "a file, not a folder");
        EngineExecutionResults results = run(
                "third",
                Map.of(Constants.REPORT_FILE, blocker.resolve("map.html").toString()));
        results.testEvents().assertStatistics(s -> s.failed(0));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                engine(),
                                finishedWithFailure(message(m ->
                                        m.contains(blocker.resolve("map.html").toString())))));
        List<Map<String, String>> entries = engineEntries(results);
        assertThat(entries)
                .extracting(e -> e.keySet().iterator().next())
                .containsExactly(Constants.NDJSON_ENTRY_KEY, Constants.EXPECTATIONS_ENTRY_KEY);
        assertThat(Path.of(entries.get(0).get(Constants.NDJSON_ENTRY_KEY))).isRegularFile();
    }

    @Test
    void entriesOfEveryTestAreTheirsAndTheEnginesAreOnTheEngine() {
        EngineExecutionResults results = run("fourth", Map.of(Constants.EXPECTATIONS_ENABLED, "false"));
        List<Event> records = results.allEvents().list().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .filter(e -> e.getPayload(ReportEntry.class)
                        .orElseThrow()
                        .getKeyValuePairs()
                        .containsKey(Constants.RECORD_ENTRY_KEY))
                .toList();
        assertThat(records)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getTestDescriptor().isTest()).isTrue());
        assertThat(engineEntries(results))
                .singleElement()
                .satisfies(e -> assertThat(e).containsKey(Constants.NDJSON_ENTRY_KEY));
    }
}
