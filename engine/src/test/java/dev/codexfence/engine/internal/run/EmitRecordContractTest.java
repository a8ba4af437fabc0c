package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.record.ContractViolation;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real emit-record (as bundled in the jar) followed by the harness's completion yields records that
 * validate against schema/boundary_object.json, for a table of flag combinations.
 */
class EmitRecordContractTest {

    @TempDir
    static Path tmp;

    private static Path emitRecord;
    private static final RecordAssembler ASSEMBLER =
            new RecordAssembler(new CatalogLoader().loadBundled(), RecordAssembler.bundledSchema());

    @BeforeAll
    static void layOut() throws IOException {
        emitRecord = RuntimeLayout.extract(tmp.resolve("bin")).resolve("emit-record");
        Files.writeString(tmp.resolve("payload.json"), "{\"stdout_snippet\":\"from file\",\"raw\":{\"f\":1}}");
        Files.writeString(tmp.resolve("args.json"), "{\"mode\":\"0644\"}");
        Files.writeString(tmp.resolve("raw.json"), "{\"nested\":{\"a\":[1,2]}}");
        Files.writeString(tmp.resolve("stdout.txt"), "line one\nline two\n");
    }

    private static final List<String> REQUIRED = List.of(
            "--probe-name",
            "fs_probe",
            "--primary-capability-id",
            "cap_fs_write_workspace_tree",
            "--command",
            "touch x",
            "--category",
            "fs",
            "--verb",
            "write",
            "--target",
            "x");

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of(
                        "minimal success",
                        List.of("--status", "success"),
                        Map.of("/result/observed_result", "success")),
                Arguments.of(
                        "denied with errno and exit code",
                        List.of(
                                "--status",
                                "denied",
                                "--errno",
                                "EROFS",
                                "--raw-exit-code",
                                "1",
                                "--message",
                                "read-only"),
                        Map.of("/result/errno", "EROFS", "/result/raw_exit_code", "1")),
                Arguments.of(
                        "empty values mean null",
                        List.of(
                                "--status",
                                "error",
                                "--errno",
                                "",
                                "--message",
                                "",
                                "--raw-exit-code",
                                "",
                                "--error-detail",
                                ""),
                        Map.of("/result/errno", "null", "/result/message", "null")),
                Arguments.of(
                        "probe-id alias, version, secondaries",
                        List.of(
                                "--status",
                                "partial",
                                "--probe-version",
                                "7",
                                "--secondary-capability-id",
                                "cap_fs_read_workspace_tree",
                                "--secondary-capability-id",
                                "cap_fs_read_workspace_tree"),
                        Map.of("/probe/version", "7", "/capability_context/secondary/0/layer", "os_sandbox")),
                Arguments.of(
                        "payload strings and files",
                        List.of(
                                "--status",
                                "success",
                                "--payload-stdout-file",
                                tmp.resolve("stdout.txt").toString(),
                                "--payload-stderr",
                                "oops\tthere"),
                        Map.of(
                                "/payload/stdout_snippet",
                                "line one\nline two\n",
                                "/payload/stderr_snippet",
                                "oops\tthere")),
                Arguments.of(
                        "payload file as base",
                        List.of(
                                "--status",
                                "success",
                                "--payload-file",
                                tmp.resolve("payload.json").toString(),
                                "--payload-raw-field",
                                "g",
                                "2",
                                "--payload-raw",
                                "{\"f\":0,\"h\":0}"),
                        Map.of(
                                "/payload/raw/h",
                                "0",
                                "/payload/stderr_snippet",
                                "null",
                                "/payload/stdout_snippet",
                                "from file",
                                "/payload/raw/f",
                                "0",
                                "/payload/raw/g",
                                "2")),
                Arguments.of(
                        "raw JSON forms",
                        List.of(
                                "--status",
                                "success",
                                "--payload-raw",
                                "{\"a\":true}",
                                "--payload-raw-field-json",
                                "b",
                                "[1,2]",
                                "--payload-raw-list",
                                "c",
                                "x,y",
                                "--payload-raw-null",
                                "d"),
                        Map.of(
                                "/payload/raw/a",
                                "true",
                                "/payload/raw/b/1",
                                "2",
                                "/payload/raw/c/1",
                                "y",
                                "/payload/raw/d",
                                "null")),
                Arguments.of(
                        "raw from file",
                        List.of(
                                "--status",
                                "success",
                                "--payload-raw-file",
                                tmp.resolve("raw.json").toString()),
                        Map.of("/payload/raw/nested/a/0", "1")),
                Arguments.of(
                        "operation args forms",
                        List.of(
                                "--status",
                                "success",
                                "--operation-args-file",
                                tmp.resolve("args.json").toString(),
                                "--operation-arg",
                                "path",
                                "/tmp/x",
                                "--operation-arg-json",
                                "n",
                                "3",
                                "--operation-arg-list",
                                "l",
                                "a,b",
                                "--operation-arg-null",
                                "z"),
                        Map.of(
                                "/operation/args/mode",
                                "0644",
                                "/operation/args/path",
                                "/tmp/x",
                                "/operation/args/n",
                                "3",
                                "/operation/args/l/0",
                                "a",
                                "/operation/args/z",
                                "null")),
                Arguments.of(
                        "inline operation args",
                        List.of("--status", "success", "--operation-args", "{\"k\":\"v\"}"),
                        Map.of("/operation/args/k", "v")),
                Arguments.of(
                        "hostile strings",
                        List.of(
                                "--status",
                                "error",
                                "--message",
                                "q\"b\\n\nc\u0001\u001f end",
                                "--payload-raw-field",
                                "ctl",
                                "\u0007\u0008\u000c\r"),
                        Map.of(
                                "/result/message",
                                "q\"b\\n\nc\u0001\u001f end",
                                "/payload/raw/ctl",
                                "\u0007\u0008\u000c\r")),
                Arguments.of(
                        "long snippet is capped",
                        List.of("--status", "success", "--payload-stdout", "x".repeat(5000)),
                        Map.of("/payload/stdout_snippet", "x".repeat(RecordAssembler.SNIPPET_LIMIT))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void flagCombinationYieldsASchemaValidRecord(String name, List<String> flags, Map<String, String> expected)
            throws IOException, InterruptedException, ContractViolation {
        List<String> argv = new ArrayList<>(List.of("bash", emitRecord.toString()));
        argv.addAll(REQUIRED);
        argv.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("FENCE_RUN_MODE", "baseline");
        pb.environment().put("FENCE_WORKSPACE_ROOT", tmp.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("emit-record exit; stderr: %s", err).isZero();

        ObjectNode stack = FenceJson.MAPPER.createObjectNode();
        stack.putNull("codex_cli_version")
                .putNull("codex_profile")
                .putNull("sandbox_mode")
                .put("os", "Linux")
                .put("platform", "linux")
                .put("uid", 0)
                .put("is_root", true)
                .putNull("sandbox_interface");
        RecordLine record = ASSEMBLER.assemble(
                out, new RecordAssembler.Expectation("fs_probe", "baseline", RecordJson.stack(stack)));
        ObjectNode json = RecordJson.tree(record);
        expected.forEach((pointer, value) -> {
            var node = json.at(pointer);
            String actual = node.isNull() ? "null" : node.isValueNode() ? node.asString() : node.toString();
            assertThat(actual).as(pointer).isEqualTo(value);
        });
        assertThat(json.at("/run/workspace_root").asString()).isEqualTo(tmp.toString());
    }
}
