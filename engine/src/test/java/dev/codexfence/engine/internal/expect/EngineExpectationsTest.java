package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The drift gate inside real engine runs of the fixture probes (baseline only: the stack has no codex). */
class EngineExpectationsTest {

    private static final Path FIXTURES = Path.of("src/test/fixtures").toAbsolutePath();
    private static final Path HEALTHY = FIXTURES.resolve("healthy");

    @TempDir
    Path work;

    private Path expectations;
    private Path file;
    private int runs;

    @BeforeEach
    void folders() throws IOException {
        expectations = Files.createDirectories(work.resolve("expectations"));
        file = expectations.resolve("linux-no-codex.json");
    }

    private EngineExecutionResults run(Map<String, String> config, DiscoverySelector... selectors) {
        EngineTestKit.Builder b = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODES, "baseline")
                .configurationParameter(Constants.MISSING_COVERAGE, "skip")
                .configurationParameter(
                        Constants.OUTPUT_DIR, work.resolve("run-" + (++runs)).toString())
                .configurationParameter(Constants.EXPECTATIONS_DIR, expectations.toString())
                .configurationParameter(Constants.EXPECTATIONS_ENABLED, "true") // whatever -D the build was given
                .configurationParameter(Constants.EXPECTATIONS_UNLISTED, "warn")
                .selectors(selectors);
        config.forEach(b::configurationParameter);
        return b.execute();
    }

    private List<RecordLine> records(EngineExecutionResults results) throws IOException {
        Path ndjson = Path.of(
                entries(results.allEvents().list(), Constants.NDJSON_ENTRY_KEY).get(0));
        return new RecordReader().read(ndjson);
    }

    private static List<String> entries(List<Event> events, String key) {
        return events.stream()
                .map(e -> e.getPayload(ReportEntry.class))
                .flatMap(Optional::stream)
                .map(r -> r.getKeyValuePairs().get(key))
                .filter(v -> v != null)
                .toList();
    }

    /** Records the healthy fixtures' expectations from a first run (with the gate off). */
    private void recordHealthy() throws IOException {
        var first = run(Map.of(Constants.EXPECTATIONS_ENABLED, "false"), selectDirectory(HEALTHY.toFile()));
        first.testEvents().assertStatistics(s -> s.failed(0));
        var recording = ExpectationsRecorder.record(
                records(first).stream().map(RecordLine::record).toList());
        new ExpectationsWriter().write(recording, Optional.empty(), expectations, true);
        assertThat(file).exists();
    }

    private void edit(String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void aRerunAgainstRecordedExpectationsPassesAndAMovedFenceFailsOnlyItsTest() throws IOException {
        recordHealthy();
        var again = run(Map.of(), selectDirectory(HEALTHY.toFile()));
        again.testEvents().assertStatistics(s -> s.failed(0).succeeded(3));
        assertThat(entries(again.allEvents().list(), Constants.EXPECTATIONS_ENTRY_KEY))
                .singleElement()
                .asString()
                .contains(file.toString())
                .contains("3 runs checked, 0 drifted");

        edit("\"fx_write_ws\":{\"baseline\":\"success\"}", "\"fx_write_ws\":{\"baseline\":\"denied EROFS\"}");
        var drifted = run(Map.of(), selectDirectory(HEALTHY.toFile()));
        drifted.testEvents().assertStatistics(s -> s.failed(1).succeeded(2));
        drifted.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("fx_write_ws"),
                                finishedWithFailure(
                                        message(
                                                m -> m.startsWith(
                                                                "fx_write_ws [baseline]: expected denied (EROFS), observed success — the fence changed")
                                                        && m.contains(
                                                                "result.observed_result: expected \"denied\", observed \"success\"")))));
        // the record is still the test's result
        assertThat(records(drifted)).anyMatch(r -> r.record().probe().id().equals("fx_write_ws"));
    }

    @Test
    void unlistedRunsAndEntriesWithoutAProbeWarnByDefault() throws IOException {
        recordHealthy();
        edit("  \"fx_read_ws\":{\"baseline\":\"success\"},\n", "  \"fx_gone\":{\"baseline\":\"success\"},\n");
        var warned = run(Map.of(), selectDirectory(HEALTHY.toFile()));
        warned.testEvents().assertStatistics(s -> s.failed(0).succeeded(3));
        assertThat(entries(warned.testEvents().list(), Constants.EXPECTATIONS_ENTRY_KEY))
                .singleElement()
                .asString()
                .startsWith("fx_read_ws [baseline]: not listed in expectations " + file);
        assertThat(entries(warned.allEvents().list(), Constants.EXPECTATIONS_ENTRY_KEY))
                .last()
                .asString()
                .contains("1 not listed: fx_read_ws [baseline]")
                .contains("1 entry names no probe of this run's probe roots: fx_gone");
        warned.containerEvents().assertThatEvents().haveExactly(1, event(engine(), finishedSuccessfully()));
    }

    @Test
    void unlistedRunsAndEntriesWithoutAProbeFailWhenConfigured() throws IOException {
        recordHealthy();
        edit("  \"fx_read_ws\":{\"baseline\":\"success\"},\n", "  \"fx_gone\":{\"baseline\":\"success\"},\n");
        var failed = run(Map.of(Constants.EXPECTATIONS_UNLISTED, "fail"), selectDirectory(HEALTHY.toFile()));
        failed.testEvents().assertStatistics(s -> s.failed(1).succeeded(2));
        failed.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("fx_read_ws"),
                                finishedWithFailure(message(m -> m.contains("not listed in expectations")))));
        failed.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                engine(),
                                finishedWithFailure(
                                        message(m -> m.contains("lists probes that do not exist: fx_gone")))));
    }

    @Test
    void aSingleSelectedProbeDoesNotMakeTheOthersLookStale() throws IOException {
        recordHealthy();
        var one = run(
                Map.of(Constants.EXPECTATIONS_UNLISTED, "fail"),
                selectFile(HEALTHY.resolve("fx_read_ws.sh").toFile()));
        one.testEvents().assertStatistics(s -> s.failed(0).succeeded(1));
        one.containerEvents().assertThatEvents().haveExactly(1, event(engine(), finishedSuccessfully()));
    }

    @Test
    void aProbeThatBrokeItsContractFailsForThatOnlyNotAlsoForDrift() throws IOException {
        Files.writeString(
                file,
                ExpectationsFormat.format(new Expectations(
                        "x",
                        "linux",
                        new Release(null),
                        null,
                        Map.of("fx_exit_nonzero", Map.of("baseline", ExpectedOutcome.parse("denied EPERM"))))));
        var results = run(
                Map.of(),
                selectFile(FIXTURES.resolve("runtime/fx_exit_nonzero.sh").toFile()));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("fx_exit_nonzero"),
                                finishedWithFailure(message(
                                        m -> m.contains("exited with status 3") && !m.contains("the fence changed")))));
    }

    @Test
    void aBrokenExpectationsFileFailsTheRunBeforeAnyProbeRuns() throws IOException {
        Files.writeString(file, "{\"schema_version\":\"cfexp-v1\"}");
        var results = run(Map.of(), selectDirectory(HEALTHY.toFile()));
        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                engine(),
                                finishedWithFailure(message(m -> m.contains("linux-no-codex.json")
                                        && m.contains("not a cfexp-v1 expectations file")))));
    }

    @Test
    void theFenceMapIsWrittenNextToTheNdjsonWhenConfigured() throws IOException {
        var results = run(Map.of(Constants.REPORT_FILE, "fence-map.html"), selectDirectory(HEALTHY.toFile()));
        Path ndjson = Path.of(
                entries(results.allEvents().list(), Constants.NDJSON_ENTRY_KEY).get(0));
        Path map = Path.of(
                entries(results.allEvents().list(), Constants.REPORT_ENTRY_KEY).get(0));
        assertThat(map).isEqualTo(ndjson.resolveSibling("fence-map.html")).exists();
        assertThat(Files.readString(map))
                .contains(
                        "data-capability=\"cap_fs_write_workspace_tree\" data-stack=\"0\" data-mode=\"baseline\" data-result=\"success\"");
    }
}
