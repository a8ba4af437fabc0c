package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.probe.ProbeScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the corpus twice in every available mode (CorpusRuns) and checks that the two NDJSON files say the same
 * thing: once the volatile fields of docs/boundary_object.md are normalised (RecordNormaliser), every record
 * is identical, key order included, and both files list their records in the engine's order.
 */
class RepeatabilityTest {

    private static List<CorpusRuns.Run> runs;
    private static RecordNormaliser normaliser;

    @BeforeAll
    static void runTheCorpusTwice() {
        runs = CorpusRuns.twice();
        normaliser = new RecordNormaliser(CorpusRuns.PROBES.stream().map(ProbeScript::id).toList());
    }

    @Test
    void eachRunHasOneRecordPerProbeAndMode() {
        Set<String> expected = new TreeSet<>();
        for (ProbeScript p : CorpusRuns.PROBES) {
            for (String mode : CorpusRuns.modes()) {
                expected.add(key(p.id(), mode));
            }
        }
        for (CorpusRuns.Run run : runs) {
            List<String> keys = run.records().stream().map(RepeatabilityTest::key).toList();
            assertThat(keys).as("probe [mode] of the records in run %d (%s)", run.number(), run.ndjson())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void linesAreSortedByCapabilityProbeAndMode() {
        Comparator<JsonNode> order = Comparator.comparing((JsonNode r) -> r.at("/probe/primary_capability_id").asString())
                .thenComparing(r -> r.at("/probe/id").asString())
                .thenComparing(r -> r.at("/run/mode").asString());
        for (CorpusRuns.Run run : runs) {
            assertThat(run.records()).as("records of run %d in file order (%s)", run.number(), run.ndjson())
                    .isSortedAccordingTo(order);
        }
    }

    @Test
    void twoRunsGiveTheSameRecordsOnceVolatileFieldsAreNormalised() {
        Map<String, ObjectNode> first = normalised(runs.get(0));
        Map<String, ObjectNode> second = normalised(runs.get(1));
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : first.entrySet()) {
            ObjectNode other = second.get(e.getKey());
            if (other != null) {
                differences.addAll(RecordDiff.between(e.getKey(), e.getValue(), other));
            }
        }
        assertThat(second.keySet()).as("probe [mode] of run 2").isEqualTo(first.keySet());
        assertThat(differences).as("fields that differ between two runs after normalisation (docs/boundary_object.md,"
                + " \"Volatile fields\"); run 1: %s, run 2: %s", runs.get(0).ndjson(), runs.get(1).ndjson()).isEmpty();
    }

    private static Map<String, ObjectNode> normalised(CorpusRuns.Run run) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (JsonNode r : run.records()) {
            out.put(key(r), normaliser.normalise(r));
        }
        return out;
    }

    static String key(JsonNode record) {
        return key(record.at("/probe/id").asString(), record.at("/run/mode").asString());
    }

    private static String key(String probe, String mode) {
        return probe + " [" + mode + "]";
    }
}
