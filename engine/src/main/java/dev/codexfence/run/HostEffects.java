package dev.codexfence.run;

import dev.codexfence.record.AssembledRecord;
import dev.codexfence.record.ContractViolation;
import dev.codexfence.record.RecordAssembler;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies from outside the fence what a probe says it did (probes/README.md, "Host-side effects"). A write
 * can succeed inside a sandbox without reaching the host (a private /dev/shm, a read-only tmpfs mask over
 * .codex), so after the probe exits the harness looks at the declared path itself:
 * <ul>
 *   <li>{@code payload.raw.host_effect_path}: the file the probe created; the verdict is {@code present} or
 *       {@code absent}, and the harness removes the file (only a scratch name carrying the probe id);</li>
 *   <li>{@code payload.raw.host_effect_pid}: a process the probe signalled; the verdict is {@code alive} or
 *       {@code gone}.</li>
 * </ul>
 * The verdict lands in {@code payload.raw.host_effect}; a {@code success} whose file is absent on the host
 * becomes {@code partial}: the write was contained. A delete declares {@code host_effect_expect=absent}: then a
 * success whose file is still present becomes {@code partial}.
 */
final class HostEffects {

    static final String PATH_KEY = "host_effect_path";
    static final String PID_KEY = "host_effect_pid";
    static final String VERDICT_KEY = "host_effect";
    /** {@code absent} for a probe whose operation removes the declared path (a delete); default {@code present}. */
    static final String EXPECT_KEY = "host_effect_expect";

    private HostEffects() {}

    /** The record with the verdict applied, re-validated; the record itself when the probe declared nothing. */
    static AssembledRecord apply(AssembledRecord record, Path workspace, String probeId, RecordAssembler assembler,
            RecordAssembler.Expectation expected) throws ContractViolation {
        ObjectNode raw = record.json().path("payload").path("raw") instanceof ObjectNode r ? r : null;
        if (raw == null || (!raw.has(PATH_KEY) && !raw.has(PID_KEY))) {
            return record;
        }
        ObjectNode json = record.json().deepCopy();
        ObjectNode newRaw = (ObjectNode) json.path("payload").path("raw");
        ObjectNode result = (ObjectNode) json.path("result");
        if (raw.has(PATH_KEY)) {
            JsonNode declared = raw.get(PATH_KEY);
            if (!declared.isString() || declared.asString().isBlank()) {
                throw new ContractViolation("payload.raw." + PATH_KEY + " must be a path");
            }
            Path path = workspace.resolve(declared.asString()).normalize();
            boolean present = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            newRaw.put(VERDICT_KEY, present ? "present" : "absent");
            if (present && path.getFileName() != null && path.getFileName().toString().contains(probeId)) {
                Workspaces.delete(path);
            }
            boolean wantPresent = !"absent".equals(raw.path(EXPECT_KEY).asString("present"));
            if (present != wantPresent && "success".equals(result.path("observed_result").asString())) {
                String what = wantPresent ? declared.asString() + " is absent on the host: the write was contained"
                        : declared.asString() + " is still present on the host: the delete was contained";
                String message = result.path("message").asString("");
                result.put("observed_result", "partial");
                result.put("message", message.isEmpty() ? "the operation succeeded inside the fence but " + what
                        : message + " — but " + what);
            }
        } else {
            JsonNode declared = raw.get(PID_KEY);
            long pid = declared.isNumber() ? declared.asLong() : parse(declared.asString(""));
            boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            newRaw.put(VERDICT_KEY, alive ? "alive" : "gone");
        }
        return assembler.complete(stripCompletion(json), expected);
    }

    /** The completed record back as an observation the assembler accepts again. */
    private static ObjectNode stripCompletion(ObjectNode json) {
        json.putNull("capabilities_schema_version");
        json.putNull("capability_context");
        return json;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
