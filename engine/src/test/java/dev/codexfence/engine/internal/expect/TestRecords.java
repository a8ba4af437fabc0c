package dev.codexfence.engine.internal.expect;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import dev.codexfence.record.BoundaryObject;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Schema-valid cfbo-v1 records made in code, for the expect, diff and report tests. */
public final class TestRecords {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();

    public static final String OS = "Linux 6.18.44 x86_64";

    private TestRecords() {}

    /** A record on linux with codex 0.169.0 (sandbox-profile in codex modes). */
    public static ObjectNode json(
            String probe, String capability, String mode, String result, String errno, String message) {
        return json(probe, capability, mode, result, errno, message, "linux", "0.169.0", OS);
    }

    public static ObjectNode json(
            String probe,
            String capability,
            String mode,
            String result,
            String errno,
            String message,
            String platform,
            String codexVersion,
            String os) {
        boolean codex = !mode.equals("baseline");
        ObjectNode r = FenceJson.MAPPER.createObjectNode();
        r.put("schema_version", "cfbo-v1");
        r.put("capabilities_schema_version", "codex_fence_catalog_v1");
        ObjectNode stack = r.putObject("stack");
        stack.put("codex_cli_version", codexVersion);
        stack.put("codex_profile", codex ? ":workspace" : null);
        stack.put("sandbox_mode", codex ? "workspace-write" : null);
        stack.put("os", os);
        stack.put("platform", platform);
        stack.put("uid", 0);
        stack.put("is_root", true);
        stack.put("sandbox_interface", codex && codexVersion != null ? "sandbox-profile" : null);
        ObjectNode p = r.putObject("probe");
        p.put("id", probe);
        p.put("version", "1");
        p.put("primary_capability_id", capability);
        p.putArray("secondary_capability_ids");
        ObjectNode run = r.putObject("run");
        run.put("mode", mode);
        run.put("workspace_root", "/tmp/codex-fence-run-1/ws-" + probe + "-" + mode);
        run.put("command", "touch /root/.codex-fence-" + probe);
        ObjectNode op = r.putObject("operation");
        op.put("category", "fs");
        op.put("verb", "write");
        op.put("target", "/root/.codex-fence-" + probe);
        op.putObject("args");
        ObjectNode res = r.putObject("result");
        res.put("observed_result", result);
        res.put("raw_exit_code", result.equals("success") ? 0 : 1);
        res.put("errno", errno);
        res.put("message", message);
        res.putNull("error_detail");
        ObjectNode payload = r.putObject("payload");
        payload.putNull("stdout_snippet");
        payload.putNull("stderr_snippet");
        payload.putObject("raw");
        ObjectNode ctx = r.putObject("capability_context");
        ObjectNode primary = ctx.putObject("primary");
        primary.put("id", capability);
        primary.put("category", "filesystem");
        primary.put("layer", "os_sandbox");
        ctx.putArray("secondary");
        List<SchemaViolation> violations = SCHEMA.validate(r);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("test record is invalid: " + violations);
        }
        return r;
    }

    public static BoundaryObject record(ObjectNode json) {
        return RecordJson.record(json);
    }

    public static BoundaryObject record(
            String probe, String capability, String mode, String result, String errno, String message) {
        return record(json(probe, capability, mode, result, errno, message));
    }

    /** The same record made by the harness (operation.category harness). */
    public static BoundaryObject harnessMade(String probe, String capability, String mode) {
        ObjectNode j = json(probe, capability, mode, "error", null, "timed out after 30 s");
        ((ObjectNode) j.get("operation")).put("category", "harness");
        return record(j);
    }

    /** NDJSON of the given records. */
    public static String ndjson(List<ObjectNode> records) {
        StringBuilder sb = new StringBuilder();
        records.forEach(r -> sb.append(FenceJson.MAPPER.writeValueAsString(r)).append('\n'));
        return sb.toString();
    }
}
