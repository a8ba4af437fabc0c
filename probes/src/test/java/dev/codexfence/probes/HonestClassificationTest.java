package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Checks over every record of the two corpus runs (CorpusRuns) that the classification is honest
 * (probes/README.md, "Classification" and "Host-side effects").
 */
class HonestClassificationTest {

    /** Target for this corpus on a Linux host: at most this many probes cannot answer in baseline. */
    private static final int MAX_BASELINE_ERRORS = 2;

    private static List<JsonNode> records;

    @BeforeAll
    static void readBothRuns() {
        records = new ArrayList<>();
        CorpusRuns.twice().forEach(run -> records.addAll(run.records()));
    }

    @Test
    void everyDeniedRecordNamesAnErrno() {
        assertThat(records).as("records").isNotEmpty();
        List<String> unnamed = records.stream()
                .filter(r -> "denied".equals(r.at("/result/observed_result").asString()))
                .filter(r -> r.at("/result/errno").asString("").isBlank())
                .map(r -> RepeatabilityTest.key(r) + ": " + r.at("/result/message").asString(""))
                .toList();
        assertThat(unnamed).as("denied records without an errno").isEmpty();
    }

    @Test
    void codexFailingBeforeTheProbeRanIsNeverADenial() {
        List<String> denied = records.stream()
                .filter(r -> "codex_error".equals(r.at("/payload/raw/harness_error").asString("")))
                .filter(r -> !"error".equals(r.at("/result/observed_result").asString()))
                .map(r -> RepeatabilityTest.key(r) + " is " + r.at("/result/observed_result").asString())
                .toList();
        assertThat(denied).as("records of codex's own failures that are not `error`").isEmpty();
    }

    @Test
    void atMostTwoProbesCannotAnswerInBaseline() {
        Map<String, String> errors = new TreeMap<>();
        records.stream()
                .filter(r -> "baseline".equals(r.at("/run/mode").asString()))
                .filter(r -> "error".equals(r.at("/result/observed_result").asString()))
                .forEach(r -> errors.put(r.at("/probe/id").asString(), r.at("/result/message").asString("")));
        assertThat(errors.keySet())
                .as("probes giving `error` in baseline (probes/README.md, \"Baseline errors and the slowest probes\"): %s",
                        errors)
                .hasSizeLessThanOrEqualTo(MAX_BASELINE_ERRORS);
    }

    @Test
    void outsideAnyFenceEveryDeclaredWriteReachesTheHost() {
        // baseline and codex-full have no fence: a declared path whose verdict differs from what the probe expects
        // (present after a write, absent after a delete) means the probe cleaned up itself or lied
        List<String> absent = records.stream()
                .filter(r -> List.of("baseline", "codex-full").contains(r.at("/run/mode").asString()))
                .filter(r -> r.at("/payload/raw/host_effect_path").isString())
                .filter(r -> !List.of("denied", "error").contains(r.at("/result/observed_result").asString()))
                .filter(r -> !r.at("/payload/raw/host_effect_expect").asString("present")
                        .equals(r.at("/payload/raw/host_effect").asString("")))
                .map(r -> RepeatabilityTest.key(r) + ": host_effect " + r.at("/payload/raw/host_effect").asString("(none)")
                        + " for " + r.at("/payload/raw/host_effect_path").asString())
                .toList();
        assertThat(absent).as("unfenced records whose declared write is not on the host").isEmpty();
    }

    @Test
    void everyDeclarationGotAVerdict() {
        List<String> missing = records.stream()
                .filter(r -> r.at("/payload/raw/host_effect_path").isString() || r.at("/payload/raw/host_effect_pid").isString())
                .filter(r -> !List.of("present", "absent", "alive", "gone").contains(r.at("/payload/raw/host_effect").asString("")))
                .map(RepeatabilityTest::key)
                .toList();
        assertThat(missing).as("records declaring a host effect without the harness's verdict").isEmpty();
    }

    @Test
    void theHarnessProcessOutsideSurvivesEverySignalAndTrace() {
        List<String> gone = records.stream()
                .filter(r -> r.at("/payload/raw/host_effect_pid").isString())
                .filter(r -> !"alive".equals(r.at("/payload/raw/host_effect").asString("")))
                .map(r -> RepeatabilityTest.key(r) + ": " + r.at("/payload/raw/host_effect").asString("(no verdict)"))
                .toList();
        assertThat(gone).as("records after which the harness's outside process was not alive").isEmpty();
    }
}
