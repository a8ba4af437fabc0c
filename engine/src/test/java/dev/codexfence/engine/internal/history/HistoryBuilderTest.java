package dev.codexfence.engine.internal.history;

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

class HistoryBuilderTest {

    private static final String CAP = "cap_fs_write_user_home";

    static List<RecordLine> lines(String name, ObjectNode... records) {
        String ndjson = TestRecords.ndjson(List.of(records));
        return new RecordReader().read(name, new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
    }

    static ObjectNode rec(String version, String mode, String result, String errno) {
        return TestRecords.json("p", CAP, mode, result, errno, "m", "linux", version, TestRecords.OS);
    }

    @SafeVarargs
    static List<RecordLine> all(List<RecordLine>... parts) {
        List<RecordLine> list = new ArrayList<>();
        for (List<RecordLine> p : parts) {
            list.addAll(p);
        }
        return list;
    }

    private static CellHistory cell(LineHistory line, String probe, String mode) {
        return line.cells().stream()
                .filter(c -> c.probeId().equals(probe) && c.mode().equals(mode))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theRecordedShardsMergeIntoOneHistoryOfFourReleases() {
        FenceHistory h = HistoryBuilder.build(List.of("shards"), RecordedShards.lines());
        assertThat(h.records()).isEqualTo(369);
        assertThat(h.duplicates())
                .as("the re-run's 12 records agree with the shards")
                .isEqualTo(12);
        assertThat(h.conflicts()).isZero();
        assertThat(h.lines()).singleElement().satisfies(line -> {
            assertThat(line.host().label()).isEqualTo("linux · Linux 6.18.44-fc-v669 x86_64 · uid 0");
            assertThat(line.releases())
                    .extracting(ReleaseColumn::label)
                    .containsExactly(
                            "0.40.0 (debug)",
                            "0.80.0 (sandbox-os)",
                            "0.120.0 (sandbox-os)",
                            "0.171.0 (sandbox-profile)");
            assertThat(line.releases()).extracting(ReleaseColumn::records).containsExactly(84, 96, 84, 105);
            assertThat(line.releases().get(0).modes())
                    .containsExactly("baseline", "codex-sandbox", "codex-read-only", "codex-workspace-net");
            assertThat(line.releases().get(1).sources()).hasSize(3);
            assertThat(line.cells()).hasSize(105);
            assertThat(line.changed()).hasSize(40);

            assertThat(line.steps())
                    .extracting(s -> s.from().label() + ">" + s.to().label() + ":"
                            + s.cells().size() + ":" + s.adjacent())
                    .containsExactly("0.40.0>0.80.0:0:true", "0.80.0>0.120.0:37:true", "0.120.0>0.171.0:6:true");
            StepSummary landlockToBubblewrap = line.steps().get(1);
            assertThat(landlockToBubblewrap.directions())
                    .containsEntry(ChangeDirection.LOOSER, 3)
                    .containsEntry(ChangeDirection.TIGHTER, 10)
                    .containsEntry(ChangeDirection.ERRNO, 24);
            assertThat(landlockToBubblewrap.groups().get(0).describe())
                    .isEqualTo("privilege mount: denied EPERM → success (now allowed)");
            assertThat(landlockToBubblewrap.groups()).anySatisfy(g -> {
                assertThat(g.describe()).isEqualTo("fs write: denied EACCES → denied EROFS (errno only)");
                assertThat(g.cells()).hasSize(18);
            });

            CellHistory home = cell(line, "fs_write_home_scratch", "codex-sandbox");
            assertThat(home.capabilityId()).isEqualTo(CAP);
            assertThat(home.observations())
                    .extracting(CellObservation::text)
                    .containsExactly("denied EACCES", "denied EACCES", "denied EROFS", "denied EROFS");
            assertThat(home.observations().get(1).records())
                    .as("shard and re-run")
                    .hasSize(2);
            assertThat(home.changes()).singleElement().satisfies(c -> {
                assertThat(c.from().label()).isEqualTo("0.80.0");
                assertThat(c.to().label()).isEqualTo("0.120.0");
                assertThat(c.direction()).isEqualTo(ChangeDirection.ERRNO);
            });
            // 0.120.0 let a sandboxed root mount a tmpfs; 0.80.0 and 0.171.0 refuse it
            assertThat(cell(line, "priv_mount_tmpfs", "codex-sandbox").changes())
                    .extracting(CellChange::transition)
                    .containsExactly("denied EPERM → success", "success → denied EPERM");
            CellHistory full = cell(line, "fs_write_home_scratch", "codex-full");
            assertThat(full.observations())
                    .extracting(o -> o.state())
                    .containsExactly(
                            CellObservation.State.ABSENT,
                            CellObservation.State.ABSENT,
                            CellObservation.State.ABSENT,
                            CellObservation.State.OBSERVED);
            assertThat(full.changed()).isFalse();
            assertThat(cell(line, "fs_write_home_scratch", "baseline").changed())
                    .isFalse();
        });
        assertThat(h.exitStatus()).isEqualTo(FenceHistory.CHANGED);
    }

    @Test
    void aChangeAcrossAReleaseThatDidNotRunTheCellSpansItAndSaysSo() {
        FenceHistory h = HistoryBuilder.build(
                List.of("x"),
                all(
                        lines(
                                "a",
                                rec("0.8.0", "codex-sandbox", "denied", "EACCES"),
                                rec("0.8.0", "baseline", "success", null)),
                        lines("b", rec("0.80.0", "baseline", "success", null)),
                        lines(
                                "c",
                                rec("0.120.0", "codex-sandbox", "denied", "EROFS"),
                                rec("0.120.0", "baseline", "success", null))));
        LineHistory line = h.lines().get(0);
        assertThat(line.releases())
                .extracting(r -> r.release().label())
                .as("version order, not text order")
                .containsExactly("0.8.0", "0.80.0", "0.120.0");
        assertThat(line.steps())
                .extracting(s -> s.from().label() + ">" + s.to().label() + ":"
                        + s.cells().size() + ":" + s.adjacent())
                .containsExactly("0.8.0>0.80.0:0:true", "0.80.0>0.120.0:0:true", "0.8.0>0.120.0:1:false");
        CellHistory sandbox = cell(line, "p", "codex-sandbox");
        assertThat(HistoryText.timeline(sandbox))
                .isEqualTo("denied EACCES (0.8.0) → denied EROFS (0.120.0); not observed in 0.80.0");
        assertThat(HistoryText.render(h))
                .contains(
                        "  between 0.8.0 and 0.120.0, cells not observed in the releases between: 1 cell changed (1 errno only)\n");
    }

    @Test
    void noCodexsBaselineCellsShareNothingWithAReleaseSoNoStepComparesThem() {
        FenceHistory h = HistoryBuilder.build(
                List.of("x"),
                all(
                        lines("a", rec(null, "baseline", "success", null)),
                        lines("b", rec("0.80.0", "codex-sandbox", "denied", "EACCES")),
                        lines("c", rec("0.120.0", "codex-sandbox", "denied", "EROFS"))));
        LineHistory line = h.lines().get(0);
        assertThat(line.releases())
                .extracting(r -> r.release().label())
                .containsExactly("no codex", "0.80.0", "0.120.0");
        assertThat(line.steps())
                .extracting(s -> s.from().label() + ">" + s.to().label() + ":"
                        + s.cells().size())
                .containsExactly("0.80.0>0.120.0:1");
        assertThat(HistoryText.render(h)).doesNotContain("between no codex");
    }

    @Test
    void disagreeingRecordsAreAConflictThatNoChangeIsCountedAcross() {
        ObjectNode timeout = rec("0.171.0", "baseline", "error", null);
        ((ObjectNode) timeout.get("operation")).put("category", "harness");
        FenceHistory h = HistoryBuilder.build(
                List.of("x"),
                all(
                        lines(
                                "one",
                                rec("0.80.0", "codex-sandbox", "denied", "EACCES"),
                                rec("0.120.0", "codex-sandbox", "denied", "EROFS"),
                                rec("0.80.0", "baseline", "success", null),
                                rec("0.120.0", "baseline", "success", null),
                                timeout),
                        lines("two", rec("0.120.0", "codex-sandbox", "success", null))));
        LineHistory line = h.lines().get(0);
        CellHistory sandbox = cell(line, "p", "codex-sandbox");
        assertThat(sandbox.conflicted()).isTrue();
        assertThat(sandbox.changed()).isFalse();
        assertThat(sandbox.observations().get(1).text()).isEqualTo("denied EROFS | success");
        assertThat(cell(line, "p", "baseline").observations().get(2).state()).isEqualTo(CellObservation.State.HARNESS);
        assertThat(h.conflicts()).isEqualTo(1);
        assertThat(h.exitStatus()).as("records that disagree need a look").isEqualTo(FenceHistory.CHANGED);
        assertThat(HistoryText.render(h))
                .contains("2 probe × mode cells: 0 changed across releases, 1 with records that disagree")
                .contains("    ! p [codex-sandbox] with codex 0.120.0: denied EROFS at one:2; success at two:1\n")
                .contains("0.171.0: 1 record in baseline; 1 run with only harness-made records");
    }

    @Test
    void everyHostIsItsOwnLineAndOneReleaseIsNoHistory() {
        FenceHistory h = HistoryBuilder.build(
                List.of("x"),
                all(
                        lines(
                                "a",
                                TestRecords.json(
                                        "p",
                                        CAP,
                                        "baseline",
                                        "success",
                                        null,
                                        "m",
                                        "linux",
                                        "0.80.0",
                                        "Linux 6.1 x86_64"),
                                TestRecords.json(
                                        "p",
                                        CAP,
                                        "baseline",
                                        "denied",
                                        "EPERM",
                                        "m",
                                        "linux",
                                        "0.120.0",
                                        "Linux 6.1 x86_64")),
                        lines(
                                "b",
                                TestRecords.json(
                                        "p",
                                        CAP,
                                        "baseline",
                                        "success",
                                        null,
                                        "m",
                                        "macos",
                                        "0.80.0",
                                        "Darwin 23.4.0 arm64"))));
        assertThat(h.lines())
                .extracting(l -> l.host().label())
                .containsExactly("linux · Linux 6.1 x86_64 · uid 0", "macos · Darwin 23.4.0 arm64 · uid 0");
        assertThat(h.lines().get(0).changed()).hasSize(1);
        assertThat(h.lines().get(0).changed().get(0).changes().get(0).direction())
                .isEqualTo(ChangeDirection.TIGHTER);
        assertThat(h.lines().get(1).hasHistory()).isFalse();
        assertThat(HistoryText.render(h))
                .contains("    ~ p [baseline]: success (0.80.0) → denied EPERM (0.120.0)"
                        + " [baseline runs no sandbox: the host or the probe changed, not codex]\n");
        assertThat(HistoryText.render(h))
                .contains("macos · Darwin 23.4.0 arm64 · uid 0\n  one release, 0.80.0: 1 record, nothing to compare\n");

        FenceHistory single =
                HistoryBuilder.build(List.of("x"), lines("a", rec("0.171.0", "baseline", "success", null)));
        assertThat(single.hasHistory()).isFalse();
        assertThat(single.exitStatus()).isEqualTo(FenceHistory.UNCHANGED);
    }

    @Test
    void directionsReadAsAnUpgradeDecisionDoes() {
        assertThat(direction("denied EPERM", "success")).isEqualTo(ChangeDirection.LOOSER);
        assertThat(direction("error", "partial")).isEqualTo(ChangeDirection.LOOSER);
        assertThat(direction("partial", "success")).isEqualTo(ChangeDirection.LOOSER);
        assertThat(direction("success", "denied EROFS")).isEqualTo(ChangeDirection.TIGHTER);
        assertThat(direction("success", "partial")).isEqualTo(ChangeDirection.TIGHTER);
        assertThat(direction("denied EACCES", "denied EROFS")).isEqualTo(ChangeDirection.ERRNO);
        assertThat(direction("success", "error")).isEqualTo(ChangeDirection.OTHER);
        assertThat(direction("error EACCES", "denied EPERM")).isEqualTo(ChangeDirection.OTHER);
    }

    private static ChangeDirection direction(String before, String after) {
        return ChangeDirection.of(outcome(before), outcome(after));
    }

    private static dev.codexfence.engine.internal.diff.MergedRecords.Outcome outcome(String text) {
        var e = dev.codexfence.engine.internal.expect.ExpectedOutcome.parse(text);
        return new dev.codexfence.engine.internal.diff.MergedRecords.Outcome(e.result(), e.errno(), false);
    }
}
