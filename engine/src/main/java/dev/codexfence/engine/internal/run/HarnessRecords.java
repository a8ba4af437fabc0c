package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.record.BoundaryObject;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Observations the harness writes itself when a probe could not give one (timeout, broken contract, failed
 * preflight, codex failing before the probe ran), so every probe run still has exactly one record.
 */
final class HarnessRecords {

    /**
     * The bytes of compact JSON each output snippet may take in a harness-made record, tried in turn: the
     * payload cap ({@link dev.codexfence.engine.internal.record.RecordAssembler#PAYLOAD_LIMIT}) leaves room for both snippets at
     * the first; the last keeps no snippet at all, so a record can always be made.
     */
    static final int[] SNIPPET_BUDGETS = {1900, 900, 0};

    private HarnessRecords() {}

    /**
     * The longest prefix of {@code snippet} whose JSON string takes at most {@code budget} bytes (control
     * characters take six, {@code \u0001}), or null for a budget of 0 or an empty snippet.
     */
    static String fit(String snippet, int budget) {
        if (snippet == null || snippet.isEmpty() || budget <= 0) {
            return null;
        }
        String s = snippet;
        while (!s.isEmpty() && FenceJson.MAPPER.writeValueAsBytes(s).length > budget) {
            int keep = s.codePointCount(0, s.length()) * 3 / 4;
            s = s.substring(0, s.offsetByCodePoints(0, keep));
        }
        return s.isEmpty() ? null : s;
    }

    /**
     * @param kind a short machine word for {@code payload.raw.harness_error} (timeout, contract_violation, …)
     */
    static ObjectNode error(
            String probeId,
            String version,
            String primaryCapability,
            List<String> secondary,
            String mode,
            String workspace,
            String command,
            String kind,
            String message,
            String detail,
            Integer exitCode,
            String stdout,
            String stderr) {
        ObjectNode o = FenceJson.MAPPER.createObjectNode();
        o.put("schema_version", BoundaryObject.SCHEMA_VERSION);
        o.putNull("capabilities_schema_version");
        o.putObject("stack");
        ObjectNode probe = o.putObject("probe");
        probe.put("id", probeId);
        probe.put("version", version);
        probe.put("primary_capability_id", primaryCapability);
        var sec = probe.putArray("secondary_capability_ids");
        secondary.forEach(sec::add);
        ObjectNode run = o.putObject("run");
        run.put("mode", mode);
        run.put("workspace_root", workspace);
        run.put("command", command);
        ObjectNode op = o.putObject("operation");
        op.put("category", "harness");
        op.put("verb", "run-probe");
        op.put("target", probeId);
        op.putObject("args");
        ObjectNode result = o.putObject("result");
        result.put("observed_result", "error");
        if (exitCode == null) {
            result.putNull("raw_exit_code");
        } else {
            result.put("raw_exit_code", exitCode);
        }
        result.putNull("errno");
        result.put("message", message);
        result.put("error_detail", detail);
        ObjectNode payload = o.putObject("payload");
        putNullable(payload, "stdout_snippet", stdout);
        putNullable(payload, "stderr_snippet", stderr);
        payload.putObject("raw").put("harness_error", kind);
        o.putNull("capability_context");
        return o;
    }

    private static void putNullable(ObjectNode node, String key, String value) {
        if (value == null || value.isEmpty()) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
