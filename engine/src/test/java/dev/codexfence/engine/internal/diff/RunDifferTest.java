package dev.codexfence.engine.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RunDifferTest {

    private static final String HOME = "cap_fs_write_user_home";
    private static final String NET = "cap_net_outbound_loopback";

    private static List<RecordLine> lines(String name, ObjectNode... records) {
        String ndjson = TestRecords.ndjson(List.of(records));
        return new RecordReader().read(name, new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode rec(String probe, String cap, String mode, String result, String errno, String message) {
        return TestRecords.json(probe, cap, mode, result, errno, message);
    }

    private static ObjectNode onHost(String os, String probe, String mode, String result, String errno) {
        return TestRecords.json(probe, HOME, mode, result, errno, "m", "linux", "0.169.0", os);
    }

    @Test
    void runsThatDifferOnlyInVolatileFactsAreEqual() {
        ObjectNode a = rec("net_tcp", NET, "baseline", "success", null, "TCP connect to 127.0.0.1:37937 succeeded");
        ObjectNode b = rec("net_tcp", NET, "baseline", "success", null, "TCP connect to 127.0.0.1:42365 succeeded");
        ((ObjectNode) a.get("run")).put("workspace_root", "/tmp/codex-fence-run-5/ws-1");
        ((ObjectNode) b.get("run")).put("workspace_root", "/tmp/codex-fence-run-9/ws-77");
        ObjectNode c =
                rec("chroot", HOME, "baseline", "success", null, "chrooted into /tmp/codex-fence-run-5/ws-1/.x-12");
        ((ObjectNode) c.get("run")).put("workspace_root", "/tmp/codex-fence-run-5/ws-1");
        ObjectNode d =
                rec("chroot", HOME, "baseline", "success", null, "chrooted into /tmp/codex-fence-run-9/ws-77/.x-4711");
        ((ObjectNode) d.get("run")).put("workspace_root", "/tmp/codex-fence-run-9/ws-77");
        RunDiff diff = RunDiffer.compare(lines("old", a, c), lines("new", b, d));
        assertThat(diff.equal()).isTrue();
        assertThat(diff.exitStatus()).isEqualTo(RunDiff.EQUAL);
        assertThat(diff.unchanged()).isEqualTo(2);
        assertThat(DiffText.render(diff)).endsWith("no differences: 2 pairs of records agree\n");
    }

    @Test
    void theRunsScratchFolderIsVolatileToo() {
        // run folders have random names (letters and digits): $FENCE_OUTSIDE_DIR lies in them
        ObjectNode a = rec(
                "fs_outside",
                HOME,
                "baseline",
                "success",
                null,
                "read /root/.cache/codex-fence/k3x9qz/outside/outside.txt");
        ((ObjectNode) a.get("run")).put("workspace_root", "/root/.cache/codex-fence/k3x9qz/0");
        ObjectNode b = rec(
                "fs_outside",
                HOME,
                "baseline",
                "success",
                null,
                "read /root/.cache/codex-fence/pqrabc/outside/outside.txt");
        ((ObjectNode) b.get("run")).put("workspace_root", "/root/.cache/codex-fence/pqrabc/1");
        assertThat(RunDiffer.compare(lines("old", a), lines("new", b)).equal()).isTrue();
        ObjectNode c = rec(
                "fs_outside",
                HOME,
                "baseline",
                "success",
                null,
                "read /root/.cache/codex-fence/pqrabc/outside/other.txt");
        ((ObjectNode) c.get("run")).put("workspace_root", "/root/.cache/codex-fence/pqrabc/1");
        assertThat(RunDiffer.compare(lines("old", a), lines("new", c)).equal()).isFalse();
    }

    @Test
    void reportsAppearedDisappearedAndChangedGroupedByCapability() {
        RunDiff diff = RunDiffer.compare(
                lines(
                        "old.ndjson",
                        rec(
                                "fs_write_home_scratch",
                                HOME,
                                "codex-sandbox",
                                "denied",
                                "EROFS",
                                "write under $HOME refused"),
                        rec("fs_write_home_scratch", HOME, "baseline", "success", null, "wrote"),
                        rec("net_gone", NET, "codex-full", "denied", "EPERM", "refused"),
                        rec("net_same", NET, "baseline", "success", null, "ok")),
                lines(
                        "new.ndjson",
                        rec("fs_write_home_scratch", HOME, "codex-sandbox", "success", null, "wrote under $HOME"),
                        rec("fs_write_home_scratch", HOME, "baseline", "success", null, "wrote, then removed"),
                        rec("net_new", NET, "baseline", "success", null, "ok"),
                        rec("net_same", NET, "baseline", "success", null, "ok")));
        assertThat(diff.exitStatus()).isEqualTo(RunDiff.DIFFERENT);
        assertThat(diff.capabilities()).extracting(CapabilityDiff::capabilityId).containsExactly(HOME, NET);
        DiffEntry sandbox = diff.capabilities().get(0).entries().get(1);
        assertThat(sandbox.kind()).isEqualTo(DiffEntry.Kind.CHANGED);
        assertThat(sandbox.changes())
                .extracting(FieldChange::field)
                .containsExactly("observed_result", "errno", "message");
        assertThat(sandbox.decisionChanged()).isTrue();
        DiffEntry wording = diff.capabilities().get(0).entries().get(0);
        assertThat(wording.changes()).extracting(FieldChange::field).containsExactly("message");
        assertThat(wording.decisionChanged()).isFalse();

        assertThat(DiffText.render(diff)).isEqualTo("""
                codex-fence diff
                  old: old.ndjson (4 records) on linux · codex 0.169.0 · Linux 6.18.44 x86_64 · uid 0
                  new: new.ndjson (4 records) on linux · codex 0.169.0 · Linux 6.18.44 x86_64 · uid 0
                  paired by probe and mode
                2 changed, 1 appeared, 1 disappeared, 1 unchanged

                cap_fs_write_user_home
                  ~ fs_write_home_scratch [baseline]: success → success
                      message: "wrote" → "wrote, then removed"
                  ~ fs_write_home_scratch [codex-sandbox]: denied EROFS → success
                      message: "write under $HOME refused" → "wrote under $HOME"

                cap_net_outbound_loopback
                  - net_gone [codex-full]: disappeared, was denied EPERM
                  + net_new [baseline]: appeared, success
                """);

        JsonNode json = FenceJson.MAPPER.readTree(DiffJson.render(diff));
        assertThat(json.get("equal").asBoolean()).isFalse();
        assertThat(json.at("/counts/changed").asInt()).isEqualTo(2);
        assertThat(json.at("/counts/unchanged").asInt()).isEqualTo(1);
        assertThat(json.at("/old/sources/0").asString()).isEqualTo("old.ndjson");
        JsonNode changed = json.at("/capabilities/0/entries/1");
        assertThat(changed.get("kind").asString()).isEqualTo("changed");
        assertThat(changed.at("/changes/observed_result/old").asString()).isEqualTo("denied");
        assertThat(changed.at("/changes/errno/new").isNull()).isTrue();
        assertThat(changed.at("/old/line").asInt()).isEqualTo(1);
        assertThat(json.at("/capabilities/1/entries/0/new").isNull()).isTrue();
        assertThat(json.at("/capabilities/1/entries/1/kind").asString()).isEqualTo("appeared");
    }

    @Test
    void concatenatedHostsArePairedPerStack() {
        RunDiff diff = RunDiffer.compare(
                lines(
                        "all-old.ndjson",
                        onHost("Linux 6.1 x86_64", "p", "codex-sandbox", "denied", "EROFS"),
                        onHost("Linux 6.18 x86_64", "p", "codex-sandbox", "denied", "EROFS")),
                lines(
                        "all-new.ndjson",
                        onHost("Linux 6.1 x86_64", "p", "codex-sandbox", "denied", "EROFS"),
                        onHost("Linux 6.18 x86_64", "p", "codex-sandbox", "success", null)));
        assertThat(diff.pairedByStack()).isTrue();
        assertThat(diff.before().stacks()).hasSize(2);
        assertThat(diff.entries()).singleElement().satisfies(e -> {
            assertThat(e.stack().host().os()).isEqualTo("Linux 6.18 x86_64");
            assertThat(e.kind()).isEqualTo(DiffEntry.Kind.CHANGED);
        });
        assertThat(diff.unchanged()).isEqualTo(1);
        assertThat(DiffText.render(diff))
                .contains(
                        "~ p [codex-sandbox] on linux · codex 0.169.0 · Linux 6.18 x86_64 · uid 0: denied EROFS → success")
                .contains("paired by probe, mode and stack");
    }

    @Test
    void twoSingleHostRunsOfDifferentHostsArePairedByProbeAndMode() {
        RunDiff diff = RunDiffer.compare(
                lines("a", onHost("Linux 6.1 x86_64", "p", "baseline", "success", null)),
                lines("b", onHost("Linux 6.18 x86_64", "p", "baseline", "success", null)));
        assertThat(diff.pairedByStack()).isFalse();
        assertThat(diff.equal()).isTrue();
    }

    @Test
    void aSecondRecordForTheSameRunIsBadInputWithBothLines() {
        assertThatThrownBy(() -> RunDiffer.compare(
                        lines(
                                "twice.ndjson",
                                rec("p", HOME, "baseline", "success", null, "a"),
                                rec("q", HOME, "baseline", "success", null, "a"),
                                rec("p", HOME, "baseline", "denied", "EPERM", "b")),
                        lines("new", rec("p", HOME, "baseline", "success", null, "a"))))
                .isInstanceOf(BadRecordsException.class)
                .hasMessageContaining(
                        "twice.ndjson:3: a second record for p [baseline] (the first is at twice.ndjson:1)");
    }

    private static ObjectNode release(String version, String os, String mode, String result, String errno) {
        return TestRecords.json("p", HOME, mode, result, errno, "m", "linux", version, os);
    }

    @Test
    void twoReleasesOfOneHostArePairedAcrossTheReleasesAndSaySo() throws Exception {
        RunDiff diff = RunDiffer.compare(
                lines(
                        "old.ndjson",
                        release("0.80.0", TestRecords.OS, "codex-sandbox", "denied", "EACCES"),
                        release("0.80.0", TestRecords.OS, "baseline", "success", null)),
                lines(
                        "new.ndjson",
                        release("0.120.0", TestRecords.OS, "codex-sandbox", "denied", "EROFS"),
                        release("0.120.0", TestRecords.OS, "baseline", "success", null)));
        assertThat(diff.pairedByStack()).isFalse();
        assertThat(diff.acrossReleases()).singleElement().satisfies(step -> {
            assertThat(step.from().version()).isEqualTo("0.80.0");
            assertThat(step.to().version()).isEqualTo("0.120.0");
        });
        assertThat(diff.entries()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DiffEntry.Kind.CHANGED);
            assertThat(e.changes()).extracting(FieldChange::field).containsExactly("errno");
        });
        assertThat(diff.unchanged()).isEqualTo(1);
        assertThat(DiffText.render(diff))
                .contains("  paired by probe and mode across releases: codex 0.80.0 → codex 0.120.0"
                        + " on linux · Linux 6.18.44 x86_64 · uid 0\n")
                .contains("~ p [codex-sandbox]: denied EACCES → denied EROFS");
        JsonNode json = FenceJson.MAPPER.readTree(DiffJson.render(diff));
        assertThat(json.at("/across_releases/0/old").asString()).isEqualTo("0.80.0");
        assertThat(json.at("/across_releases/0/new").asString()).isEqualTo("0.120.0");
        assertThat(json.at("/across_releases/0/host/uid").asInt()).isZero();
    }

    @Test
    void manyHostsOfTwoReleasesArePairedHostByHost() {
        RunDiff diff = RunDiffer.compare(
                lines(
                        "old.ndjson",
                        release("0.80.0", "Linux 6.1 x86_64", "codex-sandbox", "denied", "EACCES"),
                        release("0.80.0", "Linux 6.18 x86_64", "codex-sandbox", "denied", "EACCES")),
                lines(
                        "new.ndjson",
                        release("0.120.0", "Linux 6.1 x86_64", "codex-sandbox", "denied", "EACCES"),
                        release("0.120.0", "Linux 6.18 x86_64", "codex-sandbox", "denied", "EROFS")));
        assertThat(diff.pairedByStack()).isTrue();
        assertThat(diff.acrossReleases()).hasSize(2);
        assertThat(diff.count(DiffEntry.Kind.APPEARED) + diff.count(DiffEntry.Kind.DISAPPEARED))
                .isZero();
        assertThat(diff.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.stack().host().os()).isEqualTo("Linux 6.18 x86_64"));
        assertThat(DiffText.render(diff)).contains("""
                  paired by probe, mode and host across releases:
                      linux · Linux 6.1 x86_64 · uid 0: codex 0.80.0 → codex 0.120.0
                      linux · Linux 6.18 x86_64 · uid 0: codex 0.80.0 → codex 0.120.0
                """);
    }

    @Test
    void aSideHoldingTwoReleasesOfAHostIsPairedByStackNotAcrossReleases() {
        RunDiff diff = RunDiffer.compare(
                lines(
                        "old.ndjson",
                        release("0.80.0", TestRecords.OS, "baseline", "success", null),
                        release("0.120.0", TestRecords.OS, "baseline", "success", null)),
                lines("new.ndjson", release("0.120.0", TestRecords.OS, "baseline", "success", null)));
        assertThat(diff.acrossReleases()).isEmpty();
        assertThat(diff.pairedByStack()).isTrue();
        assertThat(diff.entries()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DiffEntry.Kind.DISAPPEARED);
            assertThat(e.stack().release().version()).isEqualTo("0.80.0");
        });
        assertThat(diff.unchanged()).isEqualTo(1);
    }

    @Test
    void theSameReleaseOnBothSidesIsNoStepAcrossReleases() {
        RunDiff diff = RunDiffer.compare(
                lines("a", release("0.80.0", TestRecords.OS, "baseline", "success", null)),
                lines("b", release("0.80.0", TestRecords.OS, "baseline", "success", null)));
        assertThat(diff.acrossReleases()).isEmpty();
        assertThat(DiffText.render(diff)).contains("  paired by probe and mode\n");
    }
}
