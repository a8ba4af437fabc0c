package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import tools.jackson.databind.JsonNode;

class ExecutionTest {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();

    @TempDir
    Path out;

    private EngineExecutionResults run(Map<String, String> config, org.junit.platform.engine.DiscoverySelector... s) {
        return Fixtures.kit(out, config, s).execute();
    }

    @Test
    void healthyProbesPassPublishValidRecordsAndWriteOneSortedNdjson() throws IOException {
        var results = run(Map.of(), selectDirectory(Fixtures.tree("healthy").toFile()));
        var tests = results.testEvents();
        assertThat(tests.succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("fx_read_ws [baseline]", "fx_write_ws [baseline]", "fx_write_home [baseline]");
        // the macOS-only probe is skipped with the reason on Linux
        assertThat(tests.skipped().stream()
                        .filter(e -> e.getTestDescriptor().getDisplayName().equals("fx_macos_only [baseline]"))
                        .map(e -> e.getPayload(String.class).orElse("")))
                .singleElement()
                .asString()
                .contains("applies to [macos]");

        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        assertThat(records).containsKeys("fx_read_ws [baseline]", "fx_write_ws [baseline]");
        records.values().forEach(r -> assertThat(SCHEMA.validate(r)).isEmpty());
        JsonNode write = records.get("fx_write_ws [baseline]");
        assertThat(write.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(write.at("/run/mode").asString()).isEqualTo("baseline");
        assertThat(write.at("/stack/sandbox_mode").isNull()).isTrue();
        assertThat(write.at("/capability_context/secondary/0/id").asString()).isEqualTo("cap_fs_read_workspace_tree");
        // the probe ran in a scratch workspace that is gone now, never in the checkout
        String ws = write.at("/payload/raw/workspace").asString();
        // ... in the run's own folder of the scratch root (the default: codex-fence's cache folder, never /tmp)
        assertThat(Path.of(ws).getParent().getParent())
                .isEqualTo(dev.codexfence.engine.internal.run.CodexFenceCache.folder());
        assertThat(ws).doesNotStartWith(Path.of("").toAbsolutePath().toString()).doesNotStartWith("/tmp/");
        assertThat(Path.of(ws).getParent()).doesNotExist();
        assertThat(Path.of(ws)).doesNotExist();

        List<String> lines = Files.readAllLines(Fixtures.onlyNdjson(out));
        assertThat(lines).hasSize(records.size());
        assertThat(lines).isSortedAccordingTo((a, b) -> key(a).compareTo(key(b)));
    }

    private static String key(String line) {
        JsonNode n = FenceJson.MAPPER.readTree(line);
        return n.at("/probe/primary_capability_id").asString() + " "
                + n.at("/probe/id").asString() + " " + n.at("/run/mode").asString();
    }

    @Test
    void everyRuntimeContractViolationFailsItsNodeWithAPreciseMessage() throws IOException {
        // fx_sleeps outlives any short timeout: it runs apart with one of 2 s, which is then the only way it can
        // end; the other fixtures end by themselves and run with a timeout none of them reaches on a loaded machine
        Path sleeps = Fixtures.tree("runtime").resolve("fx_sleeps.sh");
        List<org.junit.platform.engine.DiscoverySelector> ending;
        try (var files = Files.list(Fixtures.tree("runtime"))) {
            ending = files.filter(f -> f.toString().endsWith(".sh") && !f.equals(sleeps))
                    .sorted()
                    .map(f -> (org.junit.platform.engine.DiscoverySelector) selectFile(f.toFile()))
                    .toList();
        }
        assertThat(ending).hasSize(8);
        var results = Fixtures.kit(
                        out.resolve("ending"),
                        Map.of(Constants.TIMEOUT_SECONDS, "300"),
                        ending.toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
        var sleeping = Fixtures.kit(
                        out.resolve("sleeping"), Map.of(Constants.TIMEOUT_SECONDS, "2"), selectFile(sleeps.toFile()))
                .execute();
        sleeping.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(test("fx_sleeps"), finishedWithFailure(message(m -> m.contains("timed out after 2 s")))));
        var tests = results.testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("fx_good"), finishedSuccessfully()));
        tests.assertThatEvents()
                .haveExactly(
                        1,
                        event(test("fx_silent"), finishedWithFailure(message(m -> m.contains("no record on stdout")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_two_records"),
                                finishedWithFailure(message(m -> m.contains("2 records on stdout")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_invalid_json"),
                                finishedWithFailure(message(m -> m.contains("stdout is not a JSON record")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_exit_nonzero"),
                                finishedWithFailure(
                                        message(m -> m.contains("exited with status 3 after emitting its record")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_wrong_mode"),
                                finishedWithFailure(message(m -> m.contains(
                                        "run.mode \"some-other-mode\" but the harness ran mode \"baseline\"")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_bad_json_flag"),
                                finishedWithFailure(
                                        message(m -> m.contains("--payload-raw-field-json: invalid JSON value")))))
                .haveExactly(
                        1,
                        event(
                                test("fx_stray_stdout"),
                                finishedWithFailure(message(m -> m.contains("stdout carries more than the record")))));
        // every run still has exactly one valid record: the harness writes an error record for broken runs
        Map<String, JsonNode> records = new java.util.HashMap<>(Fixtures.recordsByTest(results));
        assertThat(records).hasSize(8);
        records.putAll(Fixtures.recordsByTest(sleeping));
        assertThat(records).hasSize(9);
        records.values().forEach(r -> assertThat(SCHEMA.validate(r)).isEmpty());
        assertThat(records.get("fx_sleeps [baseline]")
                        .at("/payload/raw/harness_error")
                        .asString())
                .isEqualTo("timeout");
        assertThat(records.get("fx_good [baseline]")
                        .at("/result/observed_result")
                        .asString())
                .isEqualTo("success");
    }

    private static org.assertj.core.api.Condition<Event> finishedSuccessfully() {
        return org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully();
    }

    @Test
    void codexModesAreSkippedWithTheReasonWhenTheCliIsMissing() {
        var results = run(
                Map.of(
                        Constants.MODES,
                        "baseline,codex-sandbox,codex-full",
                        Constants.CODEX_PATH,
                        out.resolve("no-such-codex").toString()),
                selectFile(Fixtures.tree("healthy").resolve("fx_read_ws.sh").toFile()));
        var tests = results.testEvents();
        tests.assertStatistics(s -> s.succeeded(1).skipped(2).failed(0));
        assertThat(tests.skipped().stream().map(e -> e.getPayload(String.class).orElse("")))
                .allMatch(reason -> reason.contains("cannot run here") && reason.contains("no-such-codex"));
    }

    @Test
    void missingCoverageFailsOrSkipsAsConfigured() {
        var failing = run(Map.of(), selectDirectory(Fixtures.tree("healthy").toFile()));
        failing.testEvents()
                .assertThatEvents()
                .haveAtLeastOne(event(
                        test("coverage"),
                        finishedWithFailure(message("no probe exercises cap_proc_ptrace_and_vm_read on linux"))));
        var skipping = run(
                Map.of(Constants.MISSING_COVERAGE, "skip"),
                selectDirectory(Fixtures.tree("healthy").toFile()));
        assertThat(skipping.testEvents().failed().count()).isZero();
        assertThat(skipping.testEvents().skipped().stream()
                        .map(e -> e.getPayload(String.class).orElse("")))
                .contains("no probe exercises cap_proc_ptrace_and_vm_read on linux");
    }

    @Test
    void brokenProbeFailsAloneWhileTheHealthyOneRuns() {
        var results = run(Map.of(), selectDirectory(Fixtures.tree("broken").toFile()));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("fx_ok"), finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                test("fx_unknown_cap.sh"),
                                finishedWithFailure(message(m -> m.contains("cap_does_not_exist")))));
    }

    @Test
    void cancellationKillsTheRunningProbeAndStopsTheRun() throws Exception {
        var token = org.junit.platform.engine.CancellationToken.create();
        String sleeps = Fixtures.tree("runtime").resolve("fx_sleeps.sh").toString();
        // the probe sleeps 60 s and the timeout is longer: only the cancellation can end the run early
        var kit = Fixtures.kit(out, Map.of(Constants.TIMEOUT_SECONDS, "600"), selectFile(sleeps))
                .cancellationToken(token);
        // cancel once the probe runs (not after a guessed delay, which a loaded machine can overrun)
        Thread canceller = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (ProcessHandle.allProcesses()
                            .noneMatch(p -> p.info().commandLine().orElse("").contains(sleeps))
                    && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    return;
                }
            }
            token.cancel();
        });
        canceller.start();
        var results = kit.execute();
        canceller.join();
        assertThat(ProcessHandle.allProcesses()
                        .map(p -> p.info().commandLine().orElse(""))
                        .filter(c -> c.contains(sleeps)))
                .isEmpty();
        Optional<Event> finished = results.testEvents().finished().stream().findFirst();
        assertThat(finished)
                .get()
                .satisfies(e -> assertThat(e.getPayload(TestExecutionResult.class)
                                .orElseThrow()
                                .getStatus())
                        .isEqualTo(TestExecutionResult.Status.FAILED));
        assertThat(Fixtures.recordsByTest(results)
                        .get("fx_sleeps [baseline]")
                        .at("/payload/raw/harness_error")
                        .asString())
                .isEqualTo("cancelled");
        assertThat(results.allEvents()
                        .filter(e -> e.getType() == EventType.SKIPPED)
                        .count())
                .isZero();
    }

    @Test
    void parallelRunGivesTheSameRecordsAsASequentialOne() throws IOException {
        Map<String, String> parallel = Map.of(
                Constants.PARALLEL_ENABLED,
                "true",
                Constants.PARALLEL_CONFIG_PREFIX + "strategy",
                "fixed",
                Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism",
                "4");
        var results = run(parallel, selectDirectory(Fixtures.tree("healthy").toFile()));
        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(Files.readAllLines(Fixtures.onlyNdjson(out)))
                .hasSize(3)
                .allSatisfy(l -> assertThat(SCHEMA.validate(FenceJson.MAPPER.readTree(l)))
                        .isEmpty());
    }
}
