package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The contract of every record of both corpus runs (CorpusRuns): complete, schema-valid, in the engine's order. */
class CorpusRecordsIT {

    @Test
    void eachRunHasOneRecordPerProbeAndMode() {
        Set<String> expected = new TreeSet<>();
        for (ProbeScript p : CorpusRuns.PROBES) {
            for (String mode : CorpusRuns.modes()) {
                expected.add(p.id() + " [" + mode + "]");
            }
        }
        assertThat(expected).as("probe runs this platform must give").hasSizeGreaterThan(150);
        for (CorpusRuns.Run run : CorpusRuns.both()) {
            assertThat(run.records().stream().map(CorpusRuns::key).toList())
                    .as("probe [mode] of the records of the %s run (%s)", run.name(), run.ndjson())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void everyRecordIsValidCfboV1() {
        SchemaValidator schema = RecordAssembler.bundledSchema();
        List<JsonNode> records = CorpusRuns.allRecords();
        assertThat(records).as("records of both runs").hasSizeGreaterThan(300);
        assertThat(records)
                .allSatisfy(r ->
                        assertThat(schema.validate(r)).as(CorpusRuns.key(r)).isEmpty());
    }

    @Test
    void linesAreSortedByCapabilityProbeAndMode() {
        Comparator<JsonNode> order = Comparator.comparing(
                        (JsonNode r) -> r.at("/probe/primary_capability_id").asString())
                .thenComparing(r -> r.at("/probe/id").asString())
                .thenComparing(r -> r.at("/run/mode").asString());
        for (CorpusRuns.Run run : CorpusRuns.both()) {
            assertThat(run.records())
                    .as("records of the %s run in file order (%s)", run.name(), run.ndjson())
                    .isNotEmpty()
                    .isSortedAccordingTo(order);
        }
    }
}
