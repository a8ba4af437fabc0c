package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Checks over every record of both corpus runs (CorpusRuns) that the classification is honest (probes/README.md,
 * "Classification" and "Host-side effects"). Each check first asserts that the records it looks at exist, so that
 * it cannot pass for want of them.
 */
class HonestClassificationIT {

    /** Target for this corpus on a Linux host: at most this many probes cannot answer in baseline. */
    private static final int MAX_BASELINE_ERRORS = 2;

    private static List<JsonNode> records() {
        List<JsonNode> all = CorpusRuns.allRecords();
        assertThat(all).as("records of both runs").hasSizeGreaterThan(300);
        return all;
    }

    private static boolean inMode(JsonNode r, String... modes) {
        return List.of(modes).contains(r.at("/run/mode").asString());
    }

    private static String result(JsonNode r) {
        return r.at("/result/observed_result").asString();
    }

    @Test
    void everyDeniedRecordNamesAnErrno() {
        List<JsonNode> denied =
                records().stream().filter(r -> "denied".equals(result(r))).toList();
        if (CorpusRuns.modes().contains("codex-sandbox")) {
            // the sandbox refuses dozens of operations (expectations/linux-codex-*.json): at least 30 per run
            assertThat(denied).as("denied records of both runs").hasSizeGreaterThanOrEqualTo(60);
        }
        assertThat(denied.stream()
                        .filter(r -> r.at("/result/errno").asString("").isBlank())
                        .map(r -> CorpusRuns.key(r) + ": "
                                + r.at("/result/message").asString(""))
                        .toList())
                .as("denied records without an errno")
                .isEmpty();
    }

    @Test
    void codexFailingBeforeTheProbeRanIsNeverADenial() {
        List<JsonNode> codexRuns = records().stream()
                .filter(r -> inMode(r, "codex-sandbox", "codex-full"))
                .toList();
        if (CorpusRuns.modes().contains("codex-sandbox")) {
            assertThat(codexRuns).as("records of codex modes").isNotEmpty();
        }
        assertThat(codexRuns.stream()
                        .filter(r -> "codex_error"
                                .equals(r.at("/payload/raw/harness_error").asString("")))
                        .filter(r -> !"error".equals(result(r)))
                        .map(r -> CorpusRuns.key(r) + " is " + result(r))
                        .toList())
                .as("records of codex's own failures that are not `error`")
                .isEmpty();
    }

    @Test
    void atMostTwoProbesCannotAnswerInBaseline() {
        List<JsonNode> baseline =
                records().stream().filter(r -> inMode(r, "baseline")).toList();
        assertThat(baseline).as("baseline records of both runs").hasSize(2 * CorpusRuns.PROBES.size());
        Map<String, String> errors = new TreeMap<>();
        baseline.stream()
                .filter(r -> "error".equals(result(r)))
                .forEach(r -> errors.put(
                        r.at("/probe/id").asString(), r.at("/result/message").asString("")));
        assertThat(errors.keySet())
                .as(
                        "probes giving `error` in baseline (probes/README.md, \"Baseline errors and the slowest probes\"): %s",
                        errors)
                .hasSizeLessThanOrEqualTo(MAX_BASELINE_ERRORS);
    }

    @Test
    void outsideAnyFenceEveryDeclaredWriteReachesTheHost() {
        // baseline and codex-full have no fence: a declared path whose verdict differs from what the probe expects
        // (present after a write, absent after a delete) means the probe cleaned up itself or lied
        List<JsonNode> declared = records().stream()
                .filter(r -> inMode(r, "baseline", "codex-full"))
                .filter(r -> r.at("/payload/raw/host_effect_path").isString())
                .toList();
        assertThat(declared).as("unfenced records declaring a host path").hasSizeGreaterThanOrEqualTo(2 * 20);
        List<JsonNode> succeeded = declared.stream()
                .filter(r -> !List.of("denied", "error").contains(result(r)))
                .toList();
        assertThat(succeeded)
                .as("unfenced records declaring a host path that did not fail")
                .isNotEmpty();
        assertThat(succeeded.stream()
                        .filter(r -> !r.at("/payload/raw/host_effect_expect")
                                .asString("present")
                                .equals(r.at("/payload/raw/host_effect").asString("")))
                        .map(r -> CorpusRuns.key(r) + ": host_effect "
                                + r.at("/payload/raw/host_effect").asString("(none)") + " for "
                                + r.at("/payload/raw/host_effect_path").asString())
                        .toList())
                .as("unfenced records whose declared write is not on the host")
                .isEmpty();
    }

    @Test
    void everyDeclarationGotAVerdict() {
        List<JsonNode> declaring = records().stream()
                .filter(r -> r.at("/payload/raw/host_effect_path").isString()
                        || r.at("/payload/raw/host_effect_pid").isString())
                .toList();
        assertThat(declaring).as("records declaring a host effect").hasSizeGreaterThanOrEqualTo(2 * 20);
        assertThat(declaring.stream()
                        .filter(r -> !List.of("present", "absent", "alive", "gone")
                                .contains(r.at("/payload/raw/host_effect").asString("")))
                        .map(CorpusRuns::key)
                        .toList())
                .as("records declaring a host effect without the harness's verdict")
                .isEmpty();
    }

    @Test
    void theHarnessProcessOutsideSurvivesEverySignalAndTrace() {
        List<JsonNode> signalling = records().stream()
                .filter(r -> r.at("/payload/raw/host_effect_pid").isString())
                .toList();
        assertThat(signalling)
                .as("records of probes acting on the harness's outside process")
                .isNotEmpty();
        assertThat(signalling.stream()
                        .filter(r ->
                                !"alive".equals(r.at("/payload/raw/host_effect").asString("")))
                        .map(r -> CorpusRuns.key(r) + ": "
                                + r.at("/payload/raw/host_effect").asString("(no verdict)"))
                        .toList())
                .as("records after which the harness's outside process was not alive")
                .isEmpty();
    }
}
