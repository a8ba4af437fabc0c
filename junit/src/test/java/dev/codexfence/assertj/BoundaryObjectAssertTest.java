package dev.codexfence.assertj;

import static dev.codexfence.assertj.FenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.record.BoundaryObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class BoundaryObjectAssertTest {

    private static final BoundaryObject HOME_DENIED = SampleRecord.of("fs_write_home_scratch", "codex-sandbox")
            .command("sh -c 'printf \"%s\\n\" x > /home/u/.scratch-42'")
            .denied(
                    "EROFS",
                    "creating a file in /home/u was refused (EROFS)",
                    "sh: 1: cannot create /home/u/.scratch-42: Read-only file system")
            .stdout("about to write")
            .raw("path", "/home/u/.scratch-42")
            .raw("attempts", JsonNodeFactory.instance.numberNode(2))
            .build();

    private static final BoundaryObject HOME_WRITTEN =
            SampleRecord.of("fs_write_home_scratch", "baseline").build();

    @Test
    void passingChecksChain() {
        assertThat(HOME_DENIED)
                .isDenied()
                .hasErrno("EROFS")
                .hasErrnoIn("EPERM", "EROFS")
                .ranInMode("codex-sandbox")
                .exercises("cap_fs_write_user_home")
                .hasPayloadRaw("path", "/home/u/.scratch-42");
        assertThat(HOME_WRITTEN).isSuccess().ranInMode("baseline");
    }

    @Test
    void aWrongResultQuotesProbeModeCommandResultMessageAndSnippets() {
        assertThatThrownBy(() -> assertThat(HOME_DENIED).isSuccess())
                .hasMessageContaining("Expecting fs_write_home_scratch [codex-sandbox] to be success")
                .hasMessageContaining("but it was denied.")
                .hasMessageContaining("command: sh -c 'printf \"%s\\n\" x > /home/u/.scratch-42'")
                .hasMessageContaining("result:  denied, errno EROFS, exit code 1")
                .hasMessageContaining("message: creating a file in /home/u was refused (EROFS)")
                .hasMessageContaining("stdout:  about to write")
                .hasMessageContaining("stderr:  sh: 1: cannot create /home/u/.scratch-42: Read-only file system")
                .hasMessageContaining("probe:   fs_write_home_scratch (cap_fs_write_user_home)");
        assertThatThrownBy(() -> assertThat(HOME_WRITTEN).isDenied())
                .hasMessageContaining("but it was success")
                .hasMessageContaining("stderr:  (none)");
        assertThatThrownBy(() -> assertThat(HOME_WRITTEN).isPartial()).hasMessageContaining("to be partial");
        assertThatThrownBy(() -> assertThat(HOME_WRITTEN).isError()).hasMessageContaining("to be error");
    }

    @Test
    void aDescriptionLeadsAndPercentSignsStayLiteral() {
        BoundaryObject record = SampleRecord.of("fs_write_home_scratch", "codex-sandbox")
                .result("partial", null, 0, "wrote 100% of nothing")
                .build();
        assertThatThrownBy(() -> assertThat(record).as("home stays untouched").isDenied())
                .hasMessageStartingWith("[home stays untouched] ")
                .hasMessageContaining("message: wrote 100% of nothing");
    }

    @Test
    void errnoMismatchesNameBothErrnos() {
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasErrno("EPERM"))
                .hasMessageContaining("Expecting fs_write_home_scratch [codex-sandbox] to have errno EPERM")
                .hasMessageContaining("but its errno was EROFS");
        assertThatThrownBy(() -> assertThat(HOME_WRITTEN).hasErrno("EPERM"))
                .hasMessageContaining("but its errno was (none)");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasErrnoIn("EPERM", "EACCES"))
                .hasMessageContaining("to have an errno in [EPERM, EACCES]")
                .hasMessageContaining("but its errno was EROFS");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasErrnoIn()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modeAndCapabilityMismatches() {
        assertThatThrownBy(() -> assertThat(HOME_DENIED).ranInMode("baseline"))
                .hasMessageContaining("to have run in mode baseline")
                .hasMessageContaining("but it ran in mode codex-sandbox");
        BoundaryObject both = SampleRecord.of("fs_write_ws", "baseline")
                .capabilities("cap_fs_write_workspace_tree", "cap_fs_read_workspace_tree")
                .build();
        assertThat(both).exercises("cap_fs_write_workspace_tree").exercises("cap_fs_read_workspace_tree");
        assertThatThrownBy(() -> assertThat(both).exercises("cap_net_outbound_any"))
                .hasMessageContaining("to exercise cap_net_outbound_any")
                .hasMessageContaining(
                        "it exercises cap_fs_write_workspace_tree (primary) and [cap_fs_read_workspace_tree] (secondary)");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).exercises("cap_fs_read_workspace_tree"))
                .hasMessageContaining("it exercises cap_fs_write_user_home (primary) only");
    }

    @Test
    void payloadRawComparesStringsByTextAndOtherValuesByJson() {
        assertThat(HOME_DENIED)
                .hasPayloadRaw("attempts", "2")
                .hasPayloadRaw("attempts", 2)
                .hasPayloadRaw("attempts", 2L)
                .hasPayloadRaw("path", (Object) "/home/u/.scratch-42");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasPayloadRaw("path", "/etc/x"))
                .hasMessageContaining("to have payload.raw.path \"/etc/x\"")
                .hasMessageContaining("but it was \"/home/u/.scratch-42\"");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasPayloadRaw("attempts", (Object) "2"))
                .hasMessageContaining("to have payload.raw.attempts \"2\"")
                .hasMessageContaining("but it was 2");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasPayloadRaw("attempts", 2.0))
                .hasMessageContaining("to have payload.raw.attempts 2.0")
                .hasMessageContaining("but it was 2");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasPayloadRaw("attempts", java.nio.file.Path.of("2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a JSON value");
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasPayloadRaw("inode", "7"))
                .hasMessageContaining("payload.raw has no \"inode\" (its keys: [path, attempts])");
    }

    @Test
    void hostEffectIsCheckedWhenRecordedAndNamedMissingOtherwise() {
        assertThatThrownBy(() -> assertThat(HOME_DENIED).hasHostEffect("absent"))
                .hasMessageContaining("to have host_effect \"absent\"")
                .hasMessageContaining("no host_effect recorded")
                .hasMessageContaining("fs_write_home_scratch [codex-sandbox]");
        BoundaryObject checked = SampleRecord.of("fs_write_home_scratch", "codex-sandbox")
                .denied("EROFS", "refused", null)
                .raw("host_effect", "absent")
                .build();
        assertThat(checked).hasHostEffect("absent");
        assertThatThrownBy(() -> assertThat(checked).hasHostEffect("present"))
                .hasMessageContaining("to have payload.raw.host_effect \"present\"")
                .hasMessageContaining("but it was \"absent\"");
    }

    @Test
    void aNullRecordFailsPlainly() {
        assertThatThrownBy(() -> assertThat((BoundaryObject) null).isDenied())
                .hasMessageContaining("Expecting actual not to be null");
    }
}
