package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class ExpectationGateTest {

    private static final String CAP = "cap_fs_write_user_home";
    private static final String FILE = """
            {"schema_version":"cfexp-v1",
             "stack":{"platform":"linux","codex_cli_version":"0.169.0","sandbox_interface":"sandbox-profile"},
             "probes":{
              "fs_write_home_scratch":{"baseline":"success","codex-sandbox":"denied EROFS","codex-full":"success"},
              "fs_gone":{"baseline":"success"}
             }}
            """;

    @TempDir
    Path dir;

    private ExpectationGate gate(UnlistedPolicy policy) throws IOException {
        Files.writeString(dir.resolve("linux-codex-0.169.0.json"), FILE);
        return ExpectationGate.open(new ExpectationSettings(true, Optional.empty(), Optional.of(dir), policy));
    }

    private static BoundaryObject home(String mode, String result, String errno) {
        return TestRecords.record("fs_write_home_scratch", CAP, mode, result, errno, "wrote under $HOME");
    }

    @Test
    void aRecordThatMeetsItsExpectationPassesAndOneThatDoesNotNamesTheChange() throws IOException {
        ExpectationGate gate = gate(UnlistedPolicy.WARN);
        assertThat(gate.verify(home("codex-sandbox", "denied", "EROFS"))).isEmpty();
        assertThat(gate.check(home("baseline", "success", null))).isInstanceOf(Verdict.Met.class);

        assertThatThrownBy(() -> gate.verify(home("codex-sandbox", "success", null)))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("fs_write_home_scratch [codex-sandbox]: expected denied (EROFS),"
                                    + " observed success — the fence changed")
                            .contains("result.observed_result: expected \"denied\", observed \"success\"")
                            .contains("result.errno: expected \"EROFS\", observed null")
                            .contains("result.message: \"wrote under $HOME\"")
                            .contains("linux-codex-0.169.0.json");
                    assertThat(e.getExpected().getStringRepresentation()).isEqualTo("denied EROFS");
                    assertThat(e.getActual().getStringRepresentation()).isEqualTo("success");
                });
        // a different errno alone is a drift too, and only the errno line is listed
        assertThatThrownBy(() -> gate.verify(home("codex-sandbox", "denied", "EPERM")))
                .hasMessageContaining("result.errno: expected \"EROFS\", observed \"EPERM\"")
                .hasMessageNotContaining("result.observed_result");
    }

    @Test
    void unlistedRunsWarnOrFailAsConfigured() throws IOException {
        BoundaryObject readOnly = home("codex-read-only", "denied", "EROFS");
        assertThat(gate(UnlistedPolicy.WARN).verify(readOnly))
                .hasValueSatisfying(note -> assertThat(note)
                        .startsWith("fs_write_home_scratch [codex-read-only]: not listed in expectations")
                        .contains("observed denied (EROFS)"));
        assertThatThrownBy(() -> gate(UnlistedPolicy.FAIL).verify(readOnly))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("codex-fence.expectations.unlisted=fail");
    }

    @Test
    void recordsOfAnotherStackAreNotChecked() throws IOException {
        ExpectationGate gate = gate(UnlistedPolicy.FAIL);
        BoundaryObject other = TestRecords.record(TestRecords.json(
                "fs_write_home_scratch",
                CAP,
                "codex-sandbox",
                "success",
                null,
                "m",
                "linux",
                "0.170.0",
                TestRecords.OS));
        assertThat(gate.check(other)).isInstanceOf(Verdict.NotApplicable.class);
        assertThat(gate.finish(List.of()).lines())
                .singleElement()
                .asString()
                .startsWith("no expectations for linux, codex 0.170.0 in " + dir)
                .contains("(it has linux, codex 0.169.0 (sandbox-profile))")
                .contains("linux-codex-0.170.0.json");
        assertThat(gate.finish(List.of()).failure()).isEmpty();
    }

    @Test
    void theSummaryCountsAndNamesEntriesWithoutAProbe() throws IOException {
        ExpectationGate gate = gate(UnlistedPolicy.WARN);
        gate.check(home("baseline", "success", null));
        gate.check(home("codex-sandbox", "success", null));
        gate.check(home("codex-read-only", "success", null));
        Path probes = Files.createDirectories(dir.resolve("probes"));
        Files.writeString(probes.resolve("fs_write_home_scratch.sh"), "#!/usr/bin/env bash\n");

        ExpectationGate.Summary summary = gate.finish(List.of(probes));
        assertThat(summary.files()).singleElement().satisfies(f -> {
            assertThat(f.checked()).isEqualTo(3);
            assertThat(f.drifted()).isEqualTo(1);
            assertThat(f.unlisted()).containsExactly("fs_write_home_scratch [codex-read-only]");
            assertThat(f.withoutProbe()).containsExactly("fs_gone");
        });
        assertThat(summary.lines())
                .singleElement()
                .asString()
                .contains("3 runs checked, 1 drifted, 1 not listed: fs_write_home_scratch [codex-read-only]")
                .contains("1 entry names no probe of this run's probe roots: fs_gone");
        assertThat(summary.failure()).isEmpty();

        ExpectationGate strict = gate(UnlistedPolicy.FAIL);
        strict.check(home("baseline", "success", null));
        assertThat(strict.finish(List.of(probes)).failure())
                .hasValueSatisfying(m -> assertThat(m).contains("lists probes that do not exist: fs_gone"));
    }

    @Test
    void aConfiguredFileAppliesWhateverTheStackButSaysSo() throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, FILE);
        ExpectationGate gate = ExpectationGate.open(
                new ExpectationSettings(true, Optional.of(file), Optional.empty(), UnlistedPolicy.WARN));
        BoundaryObject other = TestRecords.record(TestRecords.json(
                "fs_write_home_scratch",
                CAP,
                "codex-sandbox",
                "denied",
                "EROFS",
                "m",
                "linux",
                "0.170.0",
                TestRecords.OS));
        assertThat(gate.check(other)).isInstanceOf(Verdict.Met.class);
        assertThat(gate.finish(List.of()).lines())
                .first()
                .asString()
                .contains("are for linux, codex 0.169.0")
                .contains("come from linux, codex 0.170.0");
    }

    @Test
    void misconfigurationIsRefusedUpFront() {
        assertThatThrownBy(() -> ExpectationGate.open(new ExpectationSettings(
                        true, Optional.of(dir.resolve("nope.json")), Optional.empty(), UnlistedPolicy.WARN)))
                .hasMessageContaining("nope.json: the configured expectations file does not exist");
        assertThatThrownBy(() -> ExpectationGate.open(new ExpectationSettings(
                        true, Optional.empty(), Optional.of(dir.resolve("nope")), UnlistedPolicy.WARN)))
                .hasMessageContaining("configured expectations folder does not exist");
        assertThat(ExpectationGate.open(ExpectationSettings.DISABLED).check(home("baseline", "denied", "EPERM")))
                .isInstanceOf(Verdict.NotApplicable.class);
    }
}
