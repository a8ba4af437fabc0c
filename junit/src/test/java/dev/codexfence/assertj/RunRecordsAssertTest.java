package dev.codexfence.assertj;

import static dev.codexfence.assertj.FenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsAssertTest {

    private static final String HOME = "fs_write_home_scratch";
    private static final String NET = "net_tcp_connect_target";

    private static BoundaryObject home(String mode, String result) {
        SampleRecord r = SampleRecord.of(HOME, mode);
        return (result.equals("denied")
                        ? r.denied("EROFS", "creating a file in /home/u was refused (EROFS)", null)
                        : r.result(result, null, 0, "created a new scratch file in /home/u"))
                .build();
    }

    private static BoundaryObject net(String mode, String result) {
        SampleRecord r = SampleRecord.of(NET, mode)
                .capabilities("cap_net_outbound_any")
                .command("python3 -c connect 127.0.0.1 4242");
        return (result.equals("denied")
                        ? r.denied("EPERM", "TCP to the outbound target was refused at socket (EPERM)", null)
                        : r.result(result, null, 0, "TCP connect to the outbound target succeeded"))
                .build();
    }

    /** A matrix as a healthy codex CLI gives it: allowed in baseline and codex-full, denied in the sandbox. */
    private static final RunRecords MATRIX = RunRecords.of(
            home("baseline", "success"),
            home("codex-sandbox", "denied"),
            home("codex-full", "success"),
            net("baseline", "success"),
            net("codex-sandbox", "denied"),
            net("codex-full", "success"));

    @Test
    void aHealthyMatrixPassesEveryPolicy() {
        assertThat(MATRIX).allHonouredContract().deniedEverywhereExcept("baseline", "codex-full");
        assertThat(MATRIX.inMode("codex-sandbox"))
                .noneSucceeded("cap_fs_write_user_home")
                .noneSucceeded("cap_net_outbound_any");
    }

    @Test
    void aHarnessMadeRecordBreaksTheContractCheckAndIsListed() {
        BoundaryObject broken = SampleRecord.of("fs_write_tmp_scratch", "codex-sandbox")
                .harnessError("timeout", "timed out after 30 s (100% of the budget); the process tree was killed")
                .build();
        RunRecords run = RunRecords.of(home("baseline", "success"), broken);
        assertThatThrownBy(() -> assertThat(run).allHonouredContract())
                .hasMessageContaining(
                        "Expecting every probe run to have honoured the probe contract, but 1 of 2 records")
                .hasMessageContaining(
                        "- [timeout] fs_write_tmp_scratch [codex-sandbox]: error, errno (none) — timed out after 30 s (100% of the budget)")
                .hasMessageNotContaining("fs_write_home_scratch [baseline]");
        assertThatThrownBy(() -> assertThat(RunRecords.of()).allHonouredContract())
                .hasMessageContaining("no records at all");
    }

    @Test
    void noneSucceededListsEverySuccessOfThatPrimaryCapabilityOnly() {
        assertThatThrownBy(() -> assertThat(MATRIX).noneSucceeded("cap_fs_write_user_home"))
                .hasMessageContaining("Expecting no record of cap_fs_write_user_home to be success, but 2 of 3 were:")
                .hasMessageContaining(
                        "- fs_write_home_scratch [baseline]: success, errno (none) — created a new scratch file in /home/u;"
                                + " command: touch /home/u/.scratch-42")
                .hasMessageContaining("- fs_write_home_scratch [codex-full]: success")
                .hasMessageNotContaining(NET);
        // a success that only touches the capability as a secondary one does not count
        BoundaryObject secondary = SampleRecord.of("fs_write_ws", "codex-sandbox")
                .capabilities("cap_fs_write_workspace_tree", "cap_fs_write_user_home")
                .build();
        assertThat(RunRecords.of(secondary, home("codex-sandbox", "denied"))).noneSucceeded("cap_fs_write_user_home");
    }

    @Test
    void noneSucceededWithNothingToCheckFailsInsteadOfPassing() {
        assertThatThrownBy(() -> assertThat(MATRIX).noneSucceeded("cap_proc_ptrace_and_vm_read"))
                .hasMessageContaining("no record has primary capability cap_proc_ptrace_and_vm_read")
                .hasMessageContaining("primary capabilities seen: [cap_fs_write_user_home, cap_net_outbound_any]");
    }

    @Test
    void deniedEverywhereExceptListsWhatWasNotDenied() {
        assertThatThrownBy(() -> assertThat(MATRIX).deniedEverywhereExcept("baseline"))
                .hasMessageContaining(
                        "Expecting every record outside modes [baseline] to be denied, but 2 of 4 were not:")
                .hasMessageContaining("- fs_write_home_scratch [codex-full]: success")
                .hasMessageContaining("- net_tcp_connect_target [codex-full]: success")
                .hasMessageNotContaining("[codex-sandbox]");
        RunRecords leaky = RunRecords.of(home("codex-sandbox", "denied"), net("codex-sandbox", "partial"));
        assertThatThrownBy(() -> assertThat(leaky).deniedEverywhereExcept())
                .hasMessageContaining("but 1 of 2 were not:")
                .hasMessageContaining("net_tcp_connect_target [codex-sandbox]: partial");
        assertThatThrownBy(() -> assertThat(MATRIX.inMode("baseline")).deniedEverywhereExcept("baseline", "codex-full"))
                .hasMessageContaining("there is no record outside those modes (2 records)");
    }

    @Test
    void filtersSelectByProbeCapabilityAndMode() {
        Assertions.assertThat(MATRIX.forProbe(NET).size()).isEqualTo(3);
        Assertions.assertThat(MATRIX.forCapability("cap_fs_write_user_home").records())
                .allSatisfy(r -> Assertions.assertThat(r.probe().id()).isEqualTo(HOME))
                .hasSize(3);
        Assertions.assertThat(MATRIX.inMode("codex-full").records())
                .extracting(r -> r.probe().id())
                .containsExactly(HOME, NET);
        Assertions.assertThat(MATRIX.filter(r -> false).isEmpty()).isTrue();
    }

    @Test
    void readsAnNdjsonFileLineByLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.ndjson");
        Files.write(
                file,
                List.of(
                        SampleRecord.of(HOME, "baseline").line(),
                        "",
                        SampleRecord.of(HOME, "codex-sandbox")
                                .denied("EROFS", "refused", null)
                                .line()));
        RunRecords run = RunRecords.fromNdjson(file);
        Assertions.assertThat(run.records())
                .extracting(r -> r.run().mode())
                .containsExactly("baseline", "codex-sandbox");
        assertThat(run).deniedEverywhereExcept("baseline");
    }

    @Test
    void aLineThatIsNotACfboRecordIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.ndjson");
        Files.write(file, List.of(SampleRecord.of(HOME, "baseline").line(), "{\"schema_version\":\"cfbo-v1\"}"));
        assertThatThrownBy(() -> RunRecords.fromNdjson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":2: not a cfbo-v1 record (boundary_object.json): ");
        Files.write(file, List.of("{\"schema_version\":"));
        assertThatThrownBy(() -> RunRecords.fromNdjson(file)).hasMessageStartingWith(file + ":1: not JSON: ");
        assertThatThrownBy(() -> RunRecords.fromNdjson(dir.resolve("missing.ndjson")))
                .hasMessageContaining("cannot read records from " + dir.resolve("missing.ndjson"));
    }
}
