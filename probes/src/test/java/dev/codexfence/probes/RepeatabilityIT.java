package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.probe.ProbeScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same fence must give the same record: the suite's run and its repeat (CorpusRuns) say the same thing once
 * the volatile fields of docs/boundary_object.md are normalised (RecordNormaliser), key order included.
 */
class RepeatabilityIT {

    @Test
    void twoRunsGiveTheSameRecordsOnceVolatileFieldsAreNormalised() {
        RecordNormaliser normaliser = new RecordNormaliser(
                CorpusRuns.PROBES.stream().map(ProbeScript::id).toList());
        CorpusRuns.Run first = CorpusRuns.both().get(0);
        CorpusRuns.Run second = CorpusRuns.both().get(1);
        Map<String, ObjectNode> a = normalised(first, normaliser);
        Map<String, ObjectNode> b = normalised(second, normaliser);
        assertThat(a).as("records of the %s run", first.name()).hasSizeGreaterThan(150);
        assertThat(b.keySet()).as("probe [mode] of the %s run", second.name()).isEqualTo(a.keySet());
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : a.entrySet()) {
            differences.addAll(RecordDiff.between(e.getKey(), e.getValue(), b.get(e.getKey())));
        }
        assertThat(differences)
                .as(
                        "fields that differ between two runs after normalisation (docs/boundary_object.md,"
                                + " \"Volatile fields\"); %s: %s, %s: %s",
                        first.name(), first.ndjson(), second.name(), second.ndjson())
                .isEmpty();
    }

    private static Map<String, ObjectNode> normalised(CorpusRuns.Run run, RecordNormaliser normaliser) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (JsonNode r : run.records()) {
            out.put(CorpusRuns.key(r), normaliser.normalise(r));
        }
        return out;
    }
}
