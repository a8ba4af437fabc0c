package dev.codexfence.engine.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import dev.codexfence.record.RecordLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RecordAssemblerTest {

    private static final RecordAssembler ASSEMBLER =
            new RecordAssembler(new CatalogLoader().loadBundled(), RecordAssembler.bundledSchema());

    private static ObjectNode stack() {
        ObjectNode s = FenceJson.MAPPER.createObjectNode();
        s.putNull("codex_cli_version");
        s.putNull("codex_profile");
        s.putNull("sandbox_mode");
        s.put("os", "Linux 6.1 x86_64");
        s.put("platform", "linux");
        s.put("uid", 0);
        s.put("is_root", true);
        s.putNull("sandbox_interface");
        return s;
    }

    private static final RecordAssembler.Expectation EXPECT =
            new RecordAssembler.Expectation("fs_x", "baseline", RecordJson.stack(stack()));

    /** An observation as emit-record prints it; {@code extra} is spliced in before the closing brace. */
    private static String observation(String extra) {
        return "{\"schema_version\":\"cfbo-v1\",\"capabilities_schema_version\":null,"
                + "\"stack\":{\"os\":\"linux-gnu\"},"
                + "\"probe\":{\"id\":\"fs_x\",\"version\":\"1\",\"primary_capability_id\":\"cap_fs_read_workspace_tree\",\"secondary_capability_ids\":[\"cap_fs_read_git_metadata\"]},"
                + "\"run\":{\"mode\":\"baseline\",\"workspace_root\":\"/tmp/ws\",\"command\":\"cat README.md\"},"
                + "\"operation\":{\"category\":\"fs\",\"verb\":\"read\",\"target\":\"README.md\",\"args\":{\"k\":\"v\"}},"
                + "\"result\":{\"observed_result\":\"success\",\"raw_exit_code\":0,\"errno\":null,\"message\":\"ok\",\"error_detail\":null},"
                + "\"payload\":{\"stdout_snippet\":null,\"stderr_snippet\":null,\"raw\":{\"a\":\"1\"}},"
                + "\"capability_context\":null" + extra + "}\n";
    }

    private static RecordLine assemble(String stdout) throws ContractViolation {
        return ASSEMBLER.assemble(stdout.getBytes(StandardCharsets.UTF_8), EXPECT);
    }

    @Test
    void completesStackCatalogFactsAndCapabilityContext() throws ContractViolation {
        RecordLine r = assemble(observation(""));
        assertThat(r.record().stack().os()).isEqualTo("Linux 6.1 x86_64");
        assertThat(r.record().capabilitiesSchemaVersion()).isEqualTo("codex_fence_catalog_v1");
        assertThat(r.record().capabilityContext().primary().category()).isEqualTo("filesystem");
        assertThat(r.record().capabilityContext().secondary())
                .extracting(BoundaryObject.CapabilitySnapshot::id)
                .containsExactly("cap_fs_read_git_metadata");
        assertThat(r.record().result().observedResult()).isEqualTo(ObservedResult.SUCCESS);
        assertThat(r.json())
                .startsWith(
                        "{\"schema_version\":\"cfbo-v1\",\"capabilities_schema_version\":\"codex_fence_catalog_v1\",\"stack\":{");
        assertThat(r.json()).contains("\"is_root\":true").doesNotContain("json_fragments");
    }

    @Test
    void fragmentsMergeAsBaseUnderFlagsAndSetValues() throws ContractViolation {
        String fragments = ",\"json_fragments\":["
                + "{\"flag\":\"--payload-raw\",\"pointer\":\"/payload/raw\",\"role\":\"base\",\"json\":\"{\\\"a\\\":\\\"base\\\",\\\"b\\\":2}\"},"
                + "{\"flag\":\"--payload-raw-field-json\",\"pointer\":\"/payload/raw/list\",\"role\":\"value\",\"json\":\"[1,2]\"},"
                + "{\"flag\":\"--payload-file\",\"pointer\":\"/payload\",\"role\":\"base\",\"json\":\"{\\\"stdout_snippet\\\":\\\"from file\\\",\\\"raw\\\":{\\\"c\\\":true}}\"}]";
        // with --payload-file, emit-record leaves out the snippets no flag set, so that the file can fill them
        RecordLine r = assemble(observation(fragments).replace("\"stdout_snippet\":null,\"stderr_snippet\":null,", ""));
        assertThat(r.record().payload().stderrSnippet()).isNull();
        Map<String, Object> raw = r.record().payload().raw();
        assertThat(raw.get("a")).isEqualTo("1"); // the per-key flag wins over the base object
        assertThat(raw.get("b")).isEqualTo(2);
        assertThat(raw.get("list")).isEqualTo(List.of(1, 2));
        assertThat(raw.get("c")).isEqualTo(true);
        assertThat(r.record().payload().stdoutSnippet()).isEqualTo("from file");
    }

    @Test
    void invalidJsonInAFlagNamesTheFlag() {
        String bad =
                ",\"json_fragments\":[{\"flag\":\"--operation-arg-json\",\"pointer\":\"/operation/args/x\",\"role\":\"value\",\"json\":\"{nope\"}]";
        assertThatThrownBy(() -> assemble(observation(bad)))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("--operation-arg-json: invalid JSON value");
        String notObject =
                ",\"json_fragments\":[{\"flag\":\"--operation-args\",\"pointer\":\"/operation/args\",\"role\":\"base\",\"json\":\"[1]\"}]";
        assertThatThrownBy(() -> assemble(observation(notObject)))
                .hasMessageContaining("--operation-args: expected a JSON object, got array");
    }

    @Test
    void wrongProbeOrModeIsAViolation() {
        assertThatThrownBy(() -> ASSEMBLER.assemble(
                        observation("").getBytes(StandardCharsets.UTF_8),
                        new RecordAssembler.Expectation("fs_y", "baseline", RecordJson.stack(stack()))))
                .hasMessageContaining("names probe \"fs_x\" but the harness ran \"fs_y\"");
        assertThatThrownBy(() -> ASSEMBLER.assemble(
                        observation("").getBytes(StandardCharsets.UTF_8),
                        new RecordAssembler.Expectation("fs_x", "codex-sandbox", RecordJson.stack(stack()))))
                .hasMessageContaining("run.mode \"baseline\" but the harness ran mode \"codex-sandbox\"");
    }

    @Test
    void stdoutMustHoldExactlyOneRecordAndNothingElse() {
        assertThatThrownBy(() -> assemble("")).hasMessageContaining("no record on stdout");
        assertThatThrownBy(() -> assemble("{not json")).hasMessageContaining("stdout is not a JSON record");
        assertThatThrownBy(() -> assemble(observation("") + observation("")))
                .hasMessageContaining("2 records on stdout");
        assertThatThrownBy(() -> assemble("hello\n" + observation("")))
                .hasMessageContaining("stdout carries more than the record: line 1: hello");
    }

    @Test
    void schemaViolationsNameTheirPointers() {
        String o = observation("")
                .replace("\"observed_result\":\"success\"", "\"observed_result\":\"maybe\"")
                .replace("\"errno\":null", "\"errno\":\"13\"");
        assertThatThrownBy(() -> assemble(o))
                .hasMessageContaining("the record violates boundary_object.json")
                .hasMessageContaining("/result/errno")
                .hasMessageContaining("/result/observed_result");
        String missing = observation("").replace("\"message\":\"ok\",", "");
        assertThatThrownBy(() -> assemble(missing)).hasMessageContaining("/result/message");
    }

    @Test
    void aPayloadOverFourKilobytesIsAViolation() {
        String big = observation("").replace("\"raw\":{\"a\":\"1\"}", "\"raw\":{\"a\":\"" + "x".repeat(5000) + "\"}");
        assertThatThrownBy(() -> assemble(big)).hasMessageContaining("a record's payload stays under 4096 bytes");
        String fits = observation("").replace("\"raw\":{\"a\":\"1\"}", "\"raw\":{\"a\":\"" + "x".repeat(3000) + "\"}");
        org.assertj.core.api.Assertions.assertThatCode(() -> assemble(fits)).doesNotThrowAnyException();
    }

    @Test
    void unknownCapabilityIsAViolation() {
        String o = observation("").replace("\"cap_fs_read_git_metadata\"", "\"cap_nope\"");
        assertThatThrownBy(() -> assemble(o))
                .hasMessageContaining("probe.secondary_capability_ids \"cap_nope\" is not in catalog");
    }

    @Test
    void invalidUtf8IsRepairedAndSnippetsAreCapped() throws ContractViolation {
        String longText = "é".repeat(600);
        byte[] head = observation("")
                .replace("\"stdout_snippet\":null", "\"stdout_snippet\":\"" + longText + "\"")
                .replace("\"message\":\"ok\"", "\"message\":\"bad:X\"")
                .getBytes(StandardCharsets.UTF_8);
        // replace the X by a lone continuation byte: invalid UTF-8
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 'X') {
                head[i] = (byte) 0x80;
            }
        }
        RecordLine r = ASSEMBLER.assemble(head, EXPECT);
        assertThat(r.record().result().message()).isEqualTo("bad:\uFFFD");
        assertThat(r.record().payload().stdoutSnippet()).hasSize(RecordAssembler.SNIPPET_LIMIT);
    }
}
