package dev.codexfence.junit;

import static dev.codexfence.assertj.FenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import tools.jackson.databind.JsonNode;

/** The extension, driven on Jupiter through the EngineTestKit with fixture classes over fixture probes (baseline). */
class CodexFenceExtensionTest {

    private static final Path PROBES = Path.of(PolicyKit.PROBES).toAbsolutePath();

    @TempDir
    Path out;

    private EngineExecutionResults run(Class<?> fixture, Map<String, String> config) {
        return PolicyKit.run(fixture, out, config);
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES)
    static class PassingPolicy {

        @Test
        void workspaceWritesSucceed(@ProbeRecord(value = "pol_write_ws", mode = "baseline") BoundaryObject record) {
            assertThat(record).isSuccess().ranInMode("baseline").exercises("cap_fs_read_workspace_tree");
        }

        @Test
        void theSameRunAsJson(@ProbeRecord(value = "pol_write_ws", mode = "baseline") RecordLine record) {
            var json = FenceJson.MAPPER.readTree(record.json());
            assertThat(Path.of(json.at("/run/workspace_root").asString())
                            .getParent()
                            .getParent())
                    .isEqualTo(dev.codexfence.engine.internal.run.CodexFenceCache.folder());
            assertThat(json.at("/stack/sandbox_mode").isNull()).isTrue();
            assertThat(record.where()).isEqualTo("pol_write_ws [baseline]");
        }
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES, shared = false)
    static class UnsharedPolicy extends PassingPolicy {}

    @Test
    void injectsTheBaselineRecordAndRunsEachProbeModeOncePerClass() {
        // the attribute wins over the engine's configuration key
        var results = run(PassingPolicy.class, Map.of("codex-fence.probes.root", "/nonexistent"));
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0).aborted(0));

        List<String> lines = PolicyKit.ndjsonLines(out);
        assertThat(lines).hasSize(1);
        JsonNode line = FenceJson.MAPPER.readTree(lines.get(0));
        assertThat(line.at("/probe/id").asString()).isEqualTo("pol_write_ws");
        // both tests got that one record, published as their report entry
        assertThat(recordEntries(results))
                .hasSize(2)
                .allSatisfy(json -> assertThat(json).isEqualTo(lines.get(0)));
    }

    @Test
    void unsharedRunsTheProbeForEveryTest() {
        run(UnsharedPolicy.class, Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        List<String> lines = PolicyKit.ndjsonLines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isNotEqualTo(lines.get(1)); // two runs: two workspaces
    }

    private static List<String> recordEntries(EngineExecutionResults results) {
        return results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class)
                        .orElseThrow()
                        .getKeyValuePairs()
                        .get(Constants.RECORD_ENTRY_KEY))
                .toList();
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES)
    static class FailingPolicy {

        @Test
        void homeWritesSucceed(@ProbeRecord(value = "pol_refused", mode = "baseline") BoundaryObject record) {
            assertThat(record).isSuccess();
        }

        @Test
        void homeWritesAreReadOnly(@ProbeRecord(value = "pol_refused", mode = "baseline") BoundaryObject record) {
            assertThat(record).isDenied().hasErrno("EROFS");
        }
    }

    @Test
    void aFailingAssertionQuotesProbeModeCommandResultAndOutput() {
        var results = run(FailingPolicy.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(0).failed(2));
        String command = FenceJson.MAPPER
                .readTree(PolicyKit.ndjsonLines(out).get(0))
                .at("/run/command")
                .asString();
        assertThat(command).startsWith("sh -c ");

        assertThat(failure(results, "homeWritesSucceed"))
                .contains("Expecting pol_refused [baseline] to be success,\nbut it was denied.")
                .contains("command: " + command.strip())
                .contains("result:  denied, errno EACCES, exit code 2")
                .contains("message: writing home-note.txt was refused (100% of the time)")
                .contains("stdout:  opening home-note.txt")
                .contains("stderr:  sh: home-note.txt: Permission denied");
        assertThat(failure(results, "homeWritesAreReadOnly"))
                .contains("Expecting pol_refused [baseline] to have errno EROFS,\nbut its errno was EACCES.")
                .contains("command: " + command.strip());
    }

    private static String failure(EngineExecutionResults results, String method) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failed test " + method));
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES, codex = "/nonexistent/codex")
    static class WithoutCodex {

        @Test
        void sandboxed(@ProbeRecord(value = "pol_write_ws", mode = "codex-sandbox") BoundaryObject record) {
            throw new AssertionError("must not run without a codex CLI");
        }

        @ParameterizedTest
        @ValueSource(strings = {"baseline", "codex-full"})
        void everyMode(String mode, FenceProbes fence) {
            assertThat(fence.run("pol_write_ws", mode)).isSuccess().ranInMode(mode);
        }
    }

    @Test
    void aModeThatCannotRunHereAbortsWithTheReason() {
        var results = run(WithoutCodex.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(1).aborted(2).failed(0));
        String reason =
                "mode codex-sandbox cannot run here: configured codex CLI /nonexistent/codex is not an executable file";
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("sandboxed"), abortedWithReason(message(reason))));
        assertThat(results.testEvents().aborted().stream()
                        .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                                .getThrowable()
                                .orElseThrow()
                                .getMessage()))
                .containsExactlyInAnyOrder(reason, reason.replace("codex-sandbox", "codex-full"));
    }

    @Test
    void unavailableFailInsteadOfAbortingWhenConfigured() {
        var results = run(WithoutCodex.class, Map.of(CodexFenceExtension.UNAVAILABLE, "fail"));
        results.testEvents().assertStatistics(s -> s.succeeded(1).aborted(0).failed(2));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("sandboxed"),
                                finishedWithFailure(message(m -> m.startsWith("mode codex-sandbox cannot run here")
                                        && m.endsWith("(codex-fence.junit.unavailable=fail)")))));
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES)
    static class Mistakes {

        @Test
        void unknownProbe(@ProbeRecord(value = "pol_nope", mode = "baseline") BoundaryObject record) {}

        @Test
        void unknownMode(@ProbeRecord(value = "pol_write_ws", mode = "sandbox") BoundaryObject record) {}

        @Test
        void wrongType(@ProbeRecord(value = "pol_write_ws", mode = "baseline") String record) {}

        @Test
        void brokenAtRunTime(@ProbeRecord(value = "pol_broken_exit", mode = "baseline") BoundaryObject record) {}

        @Test
        void brokenStatically(@ProbeRecord(value = "pol_no_strict", mode = "baseline") BoundaryObject record) {}

        @Test
        @EnabledOnOs(OS.LINUX)
        void otherPlatform(@ProbeRecord(value = "pol_macos_only", mode = "baseline") BoundaryObject record) {}
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void mistakesFailWithWhatIsWrongAndOtherPlatformsAbort() {
        var results = run(Mistakes.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(0).failed(5).aborted(1));
        assertThat(failure(results, "unknownProbe"))
                .isEqualTo("no probe \"pol_nope\" in probe root " + PROBES + " (@CodexFence(probes))");
        assertThat(failure(results, "unknownMode"))
                .startsWith("unknown mode \"sandbox\"; valid modes: baseline, codex-sandbox");
        assertThat(failure(results, "wrongType"))
                .isEqualTo(
                        "@ProbeRecord parameter 0 of wrongType is a String; declare it as BoundaryObject or RecordLine");
        assertThat(failure(results, "brokenAtRunTime"))
                .startsWith("pol_broken_exit [baseline] broke the probe contract: "
                        + "the probe exited with status 3 after emitting its record");
        assertThat(failure(results, "brokenStatically"))
                .startsWith("probe pol_no_strict breaks the probe contract:\n" + "pol_no_strict.sh: ")
                .contains("'set -euo pipefail' must come before any other command");
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("otherPlatform"),
                                abortedWithReason(message(
                                        m -> m.startsWith("probe pol_macos_only applies to [macos]; this host is ")))));
        // the broken run left its record; the others never ran
        assertThat(PolicyKit.ndjsonLines(out)).singleElement().asString().contains("\"id\":\"pol_broken_exit\"");
    }

    @PolicyFixture
    @CodexFence(probes = PolicyKit.PROBES)
    static class RecordInSetUp {

        @BeforeEach
        void setUp(@ProbeRecord(value = "pol_write_ws", mode = "baseline") BoundaryObject record) {}

        @Test
        void test() {}
    }

    @PolicyFixture
    @CodexFence(timeoutSeconds = -1)
    static class NegativeTimeout {

        @Test
        void test(FenceProbes fence) {}
    }

    @PolicyFixture
    @ExtendWith(CodexFenceExtension.class)
    static class FromConfiguration {

        @Test
        void test(FenceProbes fence) {
            assertThat(fence.probeRoot()).isEqualTo(PROBES);
            assertThat(fence.run("pol_write_ws", "baseline")).isSuccess();
        }
    }

    @Test
    void probeRecordsBelongOnTestMethodsAndBadAttributesAreNamed() {
        assertThat(failures(run(RecordInSetUp.class, Map.of())))
                .singleElement()
                .asString()
                .contains("@ProbeRecord works on test method parameters only; setUp is not the test method");
        assertThat(failures(run(NegativeTimeout.class, Map.of())))
                .singleElement()
                .asString()
                .endsWith(": @CodexFence(timeoutSeconds = -1.0): expected a number of seconds between 0 and 86400");
    }

    @Test
    void withoutAttributesTheEngineConfigurationApplies() {
        run(FromConfiguration.class, Map.of("codex-fence.probes.root", PROBES.toString()))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
    }

    private static List<String> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(Event::getPayload)
                .map(p -> ((TestExecutionResult) p.orElseThrow())
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }
}
