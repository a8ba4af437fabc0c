package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.json.FenceJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The normaliser and the diff the repeatability test relies on, on hand-made records. */
class RecordNormaliserTest {

    private final RecordNormaliser normaliser = new RecordNormaliser(List.of(
            "fs_write_home_scratch",
            "net_unix_bind_abstract",
            "proc_signal_outside_pid",
            "fs_list_home_dir",
            "net_tcp_connect_loopback",
            "fs_write_workspace_file"));

    private static ObjectNode record(
            String probe, String workspace, String command, String target, String message, String stderr, String raw) {
        return (ObjectNode) FenceJson.MAPPER.readTree("""
                {"schema_version":"cfbo-v1","probe":{"id":"%s"},
                 "run":{"mode":"baseline","workspace_root":%s,"command":"%s"},
                 "operation":{"category":"fs","verb":"write","target":"%s","args":{}},
                 "result":{"observed_result":"denied","raw_exit_code":1,"errno":"EROFS","message":"%s","error_detail":null},
                 "payload":{"stdout_snippet":null,"stderr_snippet":"%s","raw":%s}}
                """.formatted(
                probe, workspace == null ? "null" : "\"" + workspace + "\"", command, target, message, stderr, raw));
    }

    @Test
    void theWorkspaceAndTheRunFolderBecomePlaceholdersEverywhereKeepingKeyOrder() {
        ObjectNode r = record(
                "fs_write_workspace_file",
                "/tmp/codex-fence-run-991/ws-17",
                "cat /tmp/codex-fence-run-991/ws-17/README.md",
                "/tmp/codex-fence-run-991/outside/outside.txt",
                "read /tmp/codex-fence-run-991/ws-17/src",
                "",
                "{\"path\":\"/tmp/codex-fence-run-991/ws-17/x\"}");
        ObjectNode n = normaliser.normalise(r);
        assertThat(n.at("/run/workspace_root").asString()).isEqualTo("<workspace>");
        assertThat(n.at("/run/command").asString()).isEqualTo("cat <workspace>/README.md");
        assertThat(n.at("/operation/target").asString()).isEqualTo("<run>/outside/outside.txt");
        assertThat(n.at("/result/message").asString()).isEqualTo("read <workspace>/src");
        assertThat(n.at("/payload/raw/path").asString()).isEqualTo("<workspace>/x");
        assertThat(List.copyOf(n.propertyNames())).isEqualTo(List.copyOf(r.propertyNames()));
        assertThat(r.at("/run/workspace_root").asString())
                .as("the input is not changed")
                .endsWith("ws-17");
    }

    @Test
    void aShortWorkspaceNameIsReplacedOnlyAsAWholePathPart() {
        // workspaces are RUN/<slot>: the workspace RUN/b must not swallow the start of the run's RUN/bin
        ObjectNode r = record(
                "proc_signal_outside_pid",
                "/root/.cache/codex-fence/q1w2e3/b",
                "kill -CONT 1 ; cd /root/.cache/codex-fence/q1w2e3/b",
                "pid 1",
                "done",
                "/root/.cache/codex-fence/q1w2e3/bin/probe-lib.sh: line 13: kill",
                "{}");
        ObjectNode n = normaliser.normalise(r);
        assertThat(n.at("/run/command").asString()).isEqualTo("kill -CONT 1 ; cd <workspace>");
        assertThat(n.at("/payload/stderr_snippet").asString()).isEqualTo("<run>/bin/probe-lib.sh: line 13: kill");
    }

    @Test
    void numbersAfterAProbeIdInScratchNamesBecomePid() {
        ObjectNode r = record(
                "fs_write_home_scratch",
                null,
                "touch /root/.codex-fence-fs_write_home_scratch-4242-17719",
                "@codex-fence-net_unix_bind_abstract-2",
                "kept other_probe-42 and fs_write_home_scratch_v2",
                "",
                "{}");
        ObjectNode n = normaliser.normalise(r);
        assertThat(n.at("/run/command").asString()).isEqualTo("touch /root/.codex-fence-fs_write_home_scratch-<pid>");
        assertThat(n.at("/operation/target").asString()).isEqualTo("@codex-fence-net_unix_bind_abstract-<pid>");
        assertThat(n.at("/result/message").asString()).isEqualTo("kept other_probe-42 and fs_write_home_scratch_v2");
    }

    @Test
    void theOutsidePidIsReplacedOnlyInRecordsThatNameIt() {
        ObjectNode signal = record(
                "proc_signal_outside_pid",
                null,
                "kill -CONT 9043",
                "pid 9043",
                "sent to 9043, not 19043",
                "bash: kill: (9043) - No such process",
                "{\"outside_pid\":\"9043\",\"host_effect_pid\":\"9043\"}");
        ObjectNode n = normaliser.normalise(signal);
        assertThat(n.at("/run/command").asString()).isEqualTo("kill -CONT <outside-pid>");
        assertThat(n.at("/result/message").asString()).isEqualTo("sent to <outside-pid>, not 19043");
        assertThat(n.at("/payload/stderr_snippet").asString())
                .isEqualTo("bash: kill: (<outside-pid>) - No such process");
        assertThat(n.at("/payload/raw/host_effect_pid").asString()).isEqualTo("<outside-pid>");

        ObjectNode other = record("fs_write_home_scratch", null, "true", "x", "read 9043 bytes", "", "{}");
        assertThat(normaliser.normalise(other).at("/result/message").asString()).isEqualTo("read 9043 bytes");
    }

    @Test
    void aLoopbackPortInTheTargetIsReplacedInEveryField() {
        ObjectNode r = record(
                "net_tcp_connect_loopback",
                null,
                "python3 -c x 127.0.0.1 42365",
                "127.0.0.1:42365",
                "TCP to 127.0.0.1:42365 refused, 142365 kept",
                "",
                "{}");
        ObjectNode n = normaliser.normalise(r);
        assertThat(n.at("/run/command").asString()).isEqualTo("python3 -c x 127.0.0.1 <port>");
        assertThat(n.at("/operation/target").asString()).isEqualTo("127.0.0.1:<port>");
        assertThat(n.at("/result/message").asString()).isEqualTo("TCP to 127.0.0.1:<port> refused, 142365 kept");

        ObjectNode remote =
                record("net_tcp_connect_loopback", null, "nc 10.1.2.3 42365", "10.1.2.3:42365", "m", "", "{}");
        assertThat(normaliser.normalise(remote).at("/operation/target").asString())
                .isEqualTo("10.1.2.3:42365");
    }

    @Test
    void countsAreMaskedOnlyInTheListedFieldsOfTheListedProbes() {
        ObjectNode home = record(
                "fs_list_home_dir",
                null,
                "ls -A /root",
                "/root",
                "listed $HOME (13 entries)",
                "exit 2",
                "{\"entries\":\"13\",\"path\":\"/root2\"}");
        ObjectNode n = normaliser.normalise(home);
        assertThat(n.at("/result/message").asString()).isEqualTo("listed $HOME (<n> entries)");
        assertThat(n.at("/payload/raw/entries").asString()).isEqualTo("<n>");
        assertThat(n.at("/payload/raw/path").asString()).isEqualTo("/root2");
        assertThat(n.at("/payload/stderr_snippet").asString()).isEqualTo("exit 2");
        assertThat(n.at("/result/raw_exit_code").asInt()).isEqualTo(1);

        ObjectNode elsewhere =
                record("fs_write_home_scratch", null, "true", "x", "listed 13 entries", "", "{\"entries\":\"13\"}");
        assertThat(normaliser.normalise(elsewhere).at("/payload/raw/entries").asString())
                .isEqualTo("13");
    }

    @Test
    void recordsDifferingOnlyInVolatileFieldsCompareEqualAndVerdictsStillDiffer() {
        ObjectNode a = record(
                "fs_write_home_scratch",
                "/tmp/codex-fence-run-1/ws-3",
                "touch /root/.codex-fence-fs_write_home_scratch-100-7",
                "/root/.codex-fence-fs_write_home_scratch-100-7",
                "refused",
                "",
                "{\"path\":\"/tmp/codex-fence-run-1/ws-3/y\"}");
        ObjectNode b = record(
                "fs_write_home_scratch",
                "/tmp/codex-fence-run-22222/ws-41",
                "touch /root/.codex-fence-fs_write_home_scratch-2048-31999",
                "/root/.codex-fence-fs_write_home_scratch-2048-31999",
                "refused",
                "",
                "{\"path\":\"/tmp/codex-fence-run-22222/ws-41/y\"}");
        assertThat(RecordDiff.between("p [m]", normaliser.normalise(a), normaliser.normalise(b)))
                .isEmpty();

        b.withObject("/result").put("errno", "EACCES");
        assertThat(RecordDiff.between("p [m]", normaliser.normalise(a), normaliser.normalise(b)))
                .containsExactly("p [m] /result/errno: run 1 \"EROFS\" | run 2 \"EACCES\"");
    }

    @Test
    void theDiffNamesAKeyOrderChangeWhenTheValuesAgree() {
        JsonNode a = FenceJson.MAPPER.readTree("{\"x\":1,\"y\":{\"z\":2}}");
        JsonNode b = FenceJson.MAPPER.readTree("{\"y\":{\"z\":2},\"x\":1}");
        assertThat(RecordDiff.between("p [m]", a, b))
                .singleElement()
                .asString()
                .contains("different key order")
                .contains("[/x, /y/z]")
                .contains("[/y/z, /x]");
        JsonNode c = FenceJson.MAPPER.readTree("{\"x\":1}");
        assertThat(RecordDiff.between("p [m]", a, c)).containsExactly("p [m] /y/z: run 1 2 | run 2 (absent)");
    }

    @Test
    void aNormaliserWithoutProbeIdsIsRefused() {
        assertThatThrownBy(() -> new RecordNormaliser(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe ids");
    }
}
