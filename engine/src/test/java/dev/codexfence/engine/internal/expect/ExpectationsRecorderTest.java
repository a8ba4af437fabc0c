package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.BoundaryObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsRecorderTest {

    private static final String CAP = "cap_fs_write_user_home";

    @TempDir
    Path dir;

    private static BoundaryObject on(
            String platform, String version, String probe, String mode, String result, String errno) {
        return TestRecords.record(
                TestRecords.json(probe, CAP, mode, result, errno, "m", platform, version, TestRecords.OS));
    }

    @Test
    void onlyTheOutcomeIsRecordedSoVolatileMessagesDoNotMatter() {
        var a = ExpectationsRecorder.record(
                List.of(TestRecords.record("p", CAP, "baseline", "success", null, "pid 4242")));
        var b = ExpectationsRecorder.record(
                List.of(TestRecords.record("p", CAP, "baseline", "success", null, "pid 17")));
        assertThat(ExpectationsFormat.format(a.files().get(0)))
                .isEqualTo(ExpectationsFormat.format(b.files().get(0)));
    }

    @Test
    void oneFilePerStackAndTheInterfaceComesFromCodexModes() {
        var recording = ExpectationsRecorder.record(List.of(
                on("linux", "0.169.0", "p", "baseline", "success", null),
                on("linux", "0.169.0", "p", "codex-sandbox", "denied", "EROFS"),
                on("linux", "0.170.0", "p", "codex-sandbox", "success", null),
                on("linux", null, "p", "baseline", "success", null)));
        assertThat(recording.files())
                .extracting(Expectations::describeStack)
                .containsExactly(
                        "linux, codex 0.169.0 (sandbox-profile)",
                        "linux, codex 0.170.0 (sandbox-profile)",
                        "linux, no codex CLI");
        assertThat(recording.files())
                .extracting(Expectations::platform, Expectations::release, Expectations::sandboxInterface)
                .containsExactly(
                        tuple("linux", new Release("0.169.0"), "sandbox-profile"),
                        tuple("linux", new Release("0.170.0"), "sandbox-profile"),
                        tuple("linux", new Release(null), null));
        assertThat(recording.files().get(0).find("p", "codex-sandbox")).contains(ExpectedOutcome.parse("denied EROFS"));
        assertThat(recording.files().get(2).fileName()).isEqualTo("linux-no-codex.json");
    }

    @Test
    void harnessMadeRecordsAreLeftOutAndNamed() {
        var recording = ExpectationsRecorder.record(List.of(
                TestRecords.record("p", CAP, "baseline", "success", null, "ok"),
                TestRecords.harnessMade("q", CAP, "codex-sandbox")));
        assertThat(recording.files().get(0).lists("q")).isFalse();
        assertThat(recording.skipped()).singleElement().asString().startsWith("q [codex-sandbox]: timed out");
    }

    @Test
    void twoRunsDisagreeingAboutAProbeAreRefused() {
        assertThatThrownBy(() -> ExpectationsRecorder.record(List.of(
                        TestRecords.record("p", CAP, "baseline", "success", null, "ok"),
                        TestRecords.record("p", CAP, "baseline", "denied", "EPERM", "no"))))
                .isInstanceOf(ExpectationsException.class)
                .hasMessageContaining("p [baseline]: success and denied EPERM");
    }

    @Test
    void updatingKeepsOtherEntriesAndReplacingDoesNot() throws Exception {
        Path file = dir.resolve("x.json");
        ExpectationsWriter writer = new ExpectationsWriter();
        writer.write(
                ExpectationsRecorder.record(List.of(
                        TestRecords.record("p", CAP, "baseline", "success", null, "ok"),
                        TestRecords.record("q", CAP, "baseline", "success", null, "ok"))),
                Optional.of(file),
                dir,
                false);
        Expectations updated = writer.write(
                        ExpectationsRecorder.record(
                                List.of(TestRecords.record("q", CAP, "baseline", "denied", "EACCES", "no"))),
                        Optional.of(file),
                        dir,
                        false)
                .get(0);
        assertThat(updated.find("p", "baseline")).contains(ExpectedOutcome.parse("success"));
        assertThat(updated.find("q", "baseline")).contains(ExpectedOutcome.parse("denied EACCES"));
        assertThat(new ExpectationsReader().read(file).probes()).isEqualTo(updated.probes());

        writer.write(
                ExpectationsRecorder.record(
                        List.of(TestRecords.record("q", CAP, "baseline", "denied", "EACCES", "no"))),
                Optional.of(file),
                dir,
                true);
        assertThat(new ExpectationsReader().read(file).probes()).containsOnlyKeys("q");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("x.json");
        }
    }

    @Test
    void withoutAFileEachStackGoesToItsConventionalName() {
        var written = new ExpectationsWriter()
                .write(
                        ExpectationsRecorder.record(List.of(
                                on("linux", "0.169.0", "p", "codex-full", "success", null),
                                on("macos", "0.169.0", "p", "codex-full", "denied", "EPERM"))),
                        Optional.empty(),
                        dir,
                        false);
        assertThat(written)
                .extracting(Expectations::source)
                .containsExactly(
                        dir.resolve("linux-codex-0.169.0.json").toString(),
                        dir.resolve("macos-codex-0.169.0.json").toString());
    }

    @Test
    void oneFileCannotHoldTwoStacksNorAnotherStacksRecords() throws Exception {
        ExpectationsWriter writer = new ExpectationsWriter();
        var twoStacks = ExpectationsRecorder.record(List.of(
                on("linux", "0.169.0", "p", "codex-full", "success", null),
                on("linux", "0.170.0", "p", "codex-full", "success", null)));
        assertThatThrownBy(() -> writer.write(twoStacks, Optional.of(dir.resolve("one.json")), dir, false))
                .hasMessageContaining("come from 2 stacks")
                .hasMessageContaining("name no file");

        Path file = dir.resolve("linux.json");
        writer.write(
                ExpectationsRecorder.record(List.of(on("linux", "0.169.0", "p", "codex-full", "success", null))),
                Optional.of(file),
                dir,
                false);
        assertThatThrownBy(() -> writer.write(
                        ExpectationsRecorder.record(
                                List.of(on("linux", "0.170.0", "p", "codex-full", "success", null))),
                        Optional.of(file),
                        dir,
                        false))
                .hasMessageContaining("holds the expectations of linux, codex 0.169.0")
                .hasMessageContaining("linux-codex-0.170.0.json");
        assertThatThrownBy(() -> writer.write(ExpectationsRecorder.record(List.of()), Optional.empty(), dir, false))
                .hasMessageContaining("no probe record");
    }
}
