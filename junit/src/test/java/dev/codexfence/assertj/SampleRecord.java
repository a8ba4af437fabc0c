package dev.codexfence.assertj;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.record.ContractViolation;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.record.BoundaryObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Hand-made records, completed and schema-checked by the engine's own {@link RecordAssembler}. */
final class SampleRecord {

    private static final RecordAssembler ASSEMBLER =
            new RecordAssembler(new CatalogLoader().loadBundled(), RecordAssembler.bundledSchema());
    private static final String STACK = """
            {"codex_cli_version":"0.169.0","codex_profile":null,"sandbox_mode":null,"os":"Linux 6.1 x86_64",
             "platform":"linux","uid":1000,"is_root":false,"sandbox_interface":null}""";

    private final ObjectNode observation;

    private SampleRecord(ObjectNode observation) {
        this.observation = observation;
    }

    /** A {@code success} record of {@code probeId} in {@code mode}, primary capability {@code cap_fs_write_user_home}. */
    static SampleRecord of(String probeId, String mode) {
        ObjectNode o = (ObjectNode) FenceJson.MAPPER.readTree("""
                {"schema_version":"cfbo-v1","capabilities_schema_version":null,"stack":{},
                 "probe":{"id":"%s","version":"1","primary_capability_id":"cap_fs_write_user_home","secondary_capability_ids":[]},
                 "run":{"mode":"%s","workspace_root":"/tmp/ws","command":"touch /home/u/.scratch-42"},
                 "operation":{"category":"fs","verb":"write","target":"/home/u/.scratch-42","args":{}},
                 "result":{"observed_result":"success","raw_exit_code":0,"errno":null,"message":"created /home/u/.scratch-42","error_detail":null},
                 "payload":{"stdout_snippet":null,"stderr_snippet":null,"raw":{}},
                 "capability_context":null}""".formatted(probeId, mode));
        return new SampleRecord(o);
    }

    SampleRecord capabilities(String primary, String... secondary) {
        ObjectNode probe = (ObjectNode) observation.get("probe");
        probe.put("primary_capability_id", primary);
        var list = probe.putArray("secondary_capability_ids");
        for (String s : secondary) {
            list.add(s);
        }
        return this;
    }

    SampleRecord command(String command) {
        ((ObjectNode) observation.get("run")).put("command", command);
        return this;
    }

    /** A refusal with this errno, exit code 1, the message and the stderr snippet. */
    SampleRecord denied(String errno, String message, String stderr) {
        return result("denied", errno, 1, message).stderr(stderr);
    }

    SampleRecord result(String observed, String errno, Integer exitCode, String message) {
        ObjectNode result = (ObjectNode) observation.get("result");
        result.put("observed_result", observed);
        result.put("errno", errno);
        result.put("raw_exit_code", exitCode);
        result.put("message", message);
        return this;
    }

    SampleRecord stdout(String text) {
        ((ObjectNode) observation.get("payload")).put("stdout_snippet", text);
        return this;
    }

    SampleRecord stderr(String text) {
        ((ObjectNode) observation.get("payload")).put("stderr_snippet", text);
        return this;
    }

    SampleRecord raw(String key, JsonNode value) {
        ((ObjectNode) observation.at("/payload/raw")).set(key, value);
        return this;
    }

    SampleRecord raw(String key, String value) {
        ((ObjectNode) observation.at("/payload/raw")).put(key, value);
        return this;
    }

    /** A record like the harness makes for a run that broke the probe contract. */
    SampleRecord harnessError(String kind, String message) {
        ObjectNode op = (ObjectNode) observation.get("operation");
        op.put("category", "harness");
        op.put("verb", "run-probe");
        result("error", null, 3, message);
        ((ObjectNode) observation.get("result")).put("error_detail", kind);
        return raw(RunRecordsAssert.HARNESS_ERROR, kind);
    }

    BoundaryObject build() {
        String probeId = observation.at("/probe/id").asString();
        String mode = observation.at("/run/mode").asString();
        try {
            return ASSEMBLER
                    .complete(
                            observation,
                            new RecordAssembler.Expectation(
                                    probeId, mode, RecordJson.stack(FenceJson.MAPPER.readTree(STACK))))
                    .record();
        } catch (ContractViolation e) {
            throw new IllegalStateException("a sample record the schema rejects: " + e.getMessage(), e);
        }
    }

    /** The record as one NDJSON line. */
    String line() {
        return RecordJson.line(build());
    }
}
