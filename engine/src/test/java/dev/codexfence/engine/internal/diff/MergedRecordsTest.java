package dev.codexfence.engine.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MergedRecordsTest {

    private static final String CAP = "cap_fs_write_user_home";

    static List<RecordLine> lines(String name, ObjectNode... records) {
        String ndjson = TestRecords.ndjson(List.of(records));
        return new RecordReader().read(name, new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
    }

    static ObjectNode rec(String version, String mode, String result, String errno, String message) {
        return TestRecords.json("p", CAP, mode, result, errno, message, "linux", version, TestRecords.OS);
    }

    private static List<RecordLine> concat(List<RecordLine> a, List<RecordLine> b) {
        List<RecordLine> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void recordsThatAgreeCollapseAndRecordsThatDisagreeAreAConflictNamingEveryLine() {
        MergedRecords m = MergedRecords.merge(concat(
                lines(
                        "shard-1.ndjson",
                        rec("0.80.0", "codex-sandbox", "denied", "EACCES", "pid 12"),
                        rec("0.80.0", "baseline", "success", null, "ok")),
                lines(
                        "rerun.ndjson",
                        rec("0.80.0", "codex-sandbox", "denied", "EACCES", "pid 99"),
                        rec("0.80.0", "baseline", "denied", "EPERM", "refused"),
                        rec("0.120.0", "baseline", "success", null, "ok"))));
        assertThat(m.records()).isEqualTo(5);
        assertThat(m.observations()).hasSize(3);
        assertThat(m.duplicates()).isEqualTo(1);
        assertThat(m.distinct()).hasSize(4);
        assertThat(m.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key().mode()).isEqualTo("baseline");
            assertThat(c.describeConflict())
                    .isEqualTo("p [baseline] on linux · codex 0.80.0 · " + TestRecords.OS
                            + " · uid 0: success at shard-1.ndjson:2; denied EPERM at rerun.ndjson:2");
        });
        MergedRecords.Observation sandbox = m.observations().get(0);
        assertThat(sandbox.conflict()).isFalse();
        assertThat(sandbox.records())
                .extracting(RecordLine::where)
                .containsExactly("shard-1.ndjson:1", "rerun.ndjson:1");
        assertThat(sandbox.preferred().where()).isEqualTo("shard-1.ndjson:1");
    }

    @Test
    void aHarnessMadeRecordNeverConflictsAndAnObservationIsPreferredToIt() {
        ObjectNode timeout = rec("0.80.0", "codex-sandbox", "error", null, "timed out after 30 s");
        ((ObjectNode) timeout.get("operation")).put("category", "harness");
        MergedRecords m = MergedRecords.merge(
                concat(lines("a", timeout), lines("b", rec("0.80.0", "codex-sandbox", "denied", "EACCES", "refused"))));
        MergedRecords.Observation o = m.observations().get(0);
        assertThat(o.conflict()).isFalse();
        assertThat(o.harnessOnly()).isFalse();
        assertThat(o.distinct()).hasSize(2);
        assertThat(o.preferred().where()).isEqualTo("b:1");
        assertThat(m.duplicates()).isZero();

        MergedRecords alone = MergedRecords.merge(lines("a", timeout));
        assertThat(alone.observations().get(0).harnessOnly()).isTrue();
        assertThat(alone.observations().get(0).preferred().where()).isEqualTo("a:1");
    }

    @Test
    void otherHostsUsersAndReleasesAreOtherObservations() {
        ObjectNode user = rec("0.80.0", "baseline", "denied", "EACCES", "m");
        ((ObjectNode) user.get("stack")).put("uid", 1000).put("is_root", false);
        MergedRecords m = MergedRecords.merge(lines(
                "a",
                rec("0.80.0", "baseline", "success", null, "m"),
                user,
                TestRecords.json("p", CAP, "baseline", "success", null, "m", "linux", "0.80.0", "Linux 6.1 x86_64"),
                rec("0.120.0", "baseline", "success", null, "m")));
        assertThat(m.observations()).hasSize(4);
        assertThat(m.conflicts()).isEmpty();
        assertThat(m.duplicates()).isZero();
    }
}
