package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.history.RecordedShards;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations of several releases at once, over the recorded shards of codex 0.40.0, 0.80.0, 0.120.0 and
 * 0.171.0: recording writes one file per release, and the gate checks every record against its own release's
 * file and sums up drift per release.
 */
class MultiReleaseExpectationsTest {

    @TempDir
    Path dir;

    /** Records the shards into {@code dir} as {@code codex-fence --record-expectations} records a run's NDJSON. */
    private List<Expectations> record() {
        List<BoundaryObject> records =
                RecordedShards.lines().stream().map(RecordLine::record).toList();
        ExpectationsRecorder.Recording recording = ExpectationsRecorder.record(records);
        assertThat(recording.skipped()).isEmpty();
        return new ExpectationsWriter().write(recording, Optional.empty(), dir, false);
    }

    @Test
    void recordingSeveralReleasesWritesOneFilePerRelease() throws Exception {
        assertThat(record()).hasSize(4);
        ExpectationsFolder folder = ExpectationsFolder.load(dir);
        assertThat(folder.files())
                .extracting(e -> e.describeStack() + ": " + e.size())
                .containsExactlyInAnyOrder(
                        "linux, codex 0.40.0 (debug): 84",
                        "linux, codex 0.80.0 (sandbox-os): 84",
                        "linux, codex 0.120.0 (sandbox-os): 84",
                        "linux, codex 0.171.0 (sandbox-profile): 105");
        assertThat(Files.readString(dir.resolve("linux-codex-0.80.0.json")))
                .contains("\"fs_write_home_scratch\":{\"baseline\":\"success\",\"codex-sandbox\":\"denied EACCES\"");
        assertThat(Files.readString(dir.resolve("linux-codex-0.120.0.json")))
                .contains("\"fs_write_home_scratch\":{\"baseline\":\"success\",\"codex-sandbox\":\"denied EROFS\"");
    }

    @Test
    void eachRecordIsCheckedAgainstItsOwnReleaseAndDriftIsSummedPerRelease() throws Exception {
        record();
        // 0.80.0's file now says what 0.120.0 observed: only 0.80.0's records of that cell drift
        Path file = dir.resolve("linux-codex-0.80.0.json");
        Files.writeString(
                file,
                Files.readString(file)
                        .replace(
                                "\"fs_write_home_scratch\":{\"baseline\":\"success\",\"codex-sandbox\":\"denied EACCES\"",
                                "\"fs_write_home_scratch\":{\"baseline\":\"success\",\"codex-sandbox\":\"denied EROFS\""));
        ExpectationGate gate = ExpectationGate.open(
                new ExpectationSettings(true, Optional.empty(), Optional.of(dir), UnlistedPolicy.FAIL));
        List<String> drifted = new ArrayList<>();
        for (RecordLine l : RecordedShards.lines()) {
            if (gate.check(l.record()) instanceof Verdict.Drifted d) {
                drifted.add(
                        l.record().stack().codexCliVersion() + " " + d.drift().message());
            }
        }
        assertThat(drifted)
                .hasSize(2)
                .allSatisfy(d -> assertThat(d)
                        .startsWith("0.80.0 fs_write_home_scratch [codex-sandbox]:"
                                + " expected denied (EROFS), observed denied (EACCES)"));
        ExpectationGate.Summary summary = gate.finish(List.of());
        assertThat(summary.lines())
                .containsExactlyInAnyOrder(
                        "expectations " + dir.resolve("linux-codex-0.40.0.json") + ": 84 runs checked, 0 drifted",
                        "expectations " + file + ": 96 runs checked, 2 drifted",
                        "expectations " + dir.resolve("linux-codex-0.120.0.json") + ": 84 runs checked, 0 drifted",
                        "expectations " + dir.resolve("linux-codex-0.171.0.json") + ": 105 runs checked, 0 drifted");
    }
}
