package dev.codexfence.engine.internal.record;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Completes what {@code emit-record} printed into a strict cfbo-v1 record (probe-runtime/README.md describes
 * the protocol): lenient UTF-8, JSON fragments applied, stack and catalog facts filled in, identity checked,
 * snippets capped, then validated against the schema. Anything wrong is a {@link ContractViolation}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordAssembler {

    /** The longest stdout/stderr snippet a record keeps, in characters (code points). */
    public static final int SNIPPET_LIMIT = 400;

    /** The largest payload a record may carry, in bytes of compact JSON. */
    public static final int PAYLOAD_LIMIT = 4096;

    private static final String FRAGMENTS = "json_fragments";
    private static final int VIOLATIONS_SHOWN = 5;

    private final CapabilityCatalog catalog;
    private final SchemaValidator schema;

    public RecordAssembler(CapabilityCatalog catalog, SchemaValidator schema) {
        this.catalog = catalog;
        this.schema = schema;
    }

    /** The bundled cfbo-v1 schema. */
    public static SchemaValidator bundledSchema() {
        return SchemaValidator.of("boundary_object.json", FenceJson.bundled("schema/boundary_object.json"));
    }

    public CapabilityCatalog catalog() {
        return catalog;
    }

    /**
     * What the harness knows about the run the output came from.
     *
     * @param stack the record's {@code stack} section for this run and mode
     */
    public record Expectation(String probeId, String mode, BoundaryObject.Stack stack) {

        /** {@code fs_write_home_scratch [codex-sandbox]}: the source of the records made for this run. */
        String run() {
            return probeId + " [" + mode + "]";
        }
    }

    /** Completes the one observation in a probe's stdout; the record's source is the probe run. */
    public RecordLine assemble(byte[] stdout, Expectation expected) throws ContractViolation {
        return complete(singleObservation(new String(stdout, StandardCharsets.UTF_8)), expected);
    }

    /** Completes an observation object (also used for records the harness makes itself). */
    public RecordLine complete(ObjectNode observation, Expectation expected) throws ContractViolation {
        ObjectNode record = observation.deepCopy();
        applyFragments(record);
        record.set("stack", RecordJson.tree(expected.stack()));
        record.put("capabilities_schema_version", catalog.schemaVersion());
        checkIdentity(record, expected);
        record.set("capability_context", capabilityContext(record));
        Redactor.redact(record);
        capSnippet(record, "stdout_snippet");
        capSnippet(record, "stderr_snippet");

        int payloadBytes = FenceJson.MAPPER.writeValueAsBytes(record.path("payload")).length;
        if (payloadBytes > PAYLOAD_LIMIT) {
            throw new ContractViolation("the payload is " + payloadBytes + " bytes; a record's payload stays under "
                    + PAYLOAD_LIMIT + " bytes (keep payload.raw to a few facts)");
        }
        List<SchemaViolation> violations = schema.validate(record);
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder("the record violates ")
                    .append(schema.name())
                    .append(':');
            violations.stream()
                    .limit(VIOLATIONS_SHOWN)
                    .forEach(v -> sb.append("\n  ").append(v.describe()));
            if (violations.size() > VIOLATIONS_SHOWN) {
                sb.append("\n  … and ")
                        .append(violations.size() - VIOLATIONS_SHOWN)
                        .append(" more");
            }
            throw new ContractViolation(sb.toString());
        }
        BoundaryObject typed;
        try {
            typed = RecordJson.record(record);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ContractViolation("the record does not fit cfbo-v1: " + e.getMessage(), e);
        }
        return RecordJson.lineOf(typed, expected.run(), 0);
    }

    private static ObjectNode singleObservation(String stdout) throws ContractViolation {
        List<String> lines = new ArrayList<>();
        for (String line : stdout.split("\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            throw new ContractViolation("no record on stdout (the probe must call emit-record exactly once)");
        }
        List<ObjectNode> objects = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode node = FenceJson.MAPPER.readTree(lines.get(i));
                if (node instanceof ObjectNode object) {
                    objects.add(object);
                    continue;
                }
            } catch (JacksonException e) {
                if (lines.size() == 1) {
                    throw new ContractViolation(
                            "stdout is not a JSON record: " + e.getOriginalMessage() + " in: "
                                    + abbreviate(lines.get(i)),
                            e);
                }
            }
            strays.add("line " + (i + 1) + ": " + abbreviate(lines.get(i)));
        }
        if (objects.size() > 1) {
            throw new ContractViolation(objects.size() + " records on stdout; a probe emits exactly one");
        }
        if (objects.isEmpty()) {
            throw new ContractViolation("no JSON record on stdout; found " + String.join("; ", strays));
        }
        if (!strays.isEmpty()) {
            throw new ContractViolation("stdout carries more than the record: " + String.join("; ", strays));
        }
        return objects.get(0);
    }

    private static void applyFragments(ObjectNode record) throws ContractViolation {
        JsonNode fragments = record.remove(FRAGMENTS);
        if (fragments == null || fragments.isNull()) {
            return;
        }
        if (!(fragments instanceof ArrayNode array)) {
            throw new ContractViolation(FRAGMENTS + " must be an array");
        }
        // values first; then bases from the last flag to the first, each filling only what is still missing,
        // so per-key flags win over any base and a later base wins over an earlier one
        List<JsonNode> bases = new ArrayList<>();
        for (JsonNode fragment : array) {
            if ("base".equals(fragment.path("role").asString(""))) {
                bases.add(0, fragment);
            } else {
                applyFragment(record, fragment);
            }
        }
        for (JsonNode base : bases) {
            applyFragment(record, base);
        }
        if (record.path("payload") instanceof ObjectNode payload) {
            for (String snippet : List.of("stdout_snippet", "stderr_snippet")) {
                if (!payload.has(snippet)) {
                    payload.putNull(snippet);
                }
            }
        }
    }

    private static void applyFragment(ObjectNode record, JsonNode fragment) throws ContractViolation {
        String flag = fragment.path("flag").asString("(unnamed flag)");
        String pointerText = fragment.path("pointer").asString("");
        String role = fragment.path("role").asString("");
        String json = fragment.path("json").asString(null);
        if (json == null || !pointerText.startsWith("/")) {
            throw new ContractViolation(FRAGMENTS + " entry for " + flag + " lacks a pointer or json text");
        }
        JsonNode value;
        try {
            value = FenceJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ContractViolation(
                    flag + ": invalid JSON value: " + e.getOriginalMessage() + " in: " + abbreviate(json), e);
        }
        if (value == null || value.isMissingNode()) {
            throw new ContractViolation(flag + ": empty JSON value");
        }
        JsonPointer pointer = JsonPointer.compile(pointerText);
        if ("base".equals(role)) {
            if (!(value instanceof ObjectNode base)) {
                throw new ContractViolation(flag + ": expected a JSON object, got "
                        + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!(record.at(pointer) instanceof ObjectNode target)) {
                throw new ContractViolation(flag + ": the observation has no object at " + pointerText);
            }
            mergeUnder(target, base);
        } else if ("value".equals(role)) {
            if (!(record.at(pointer.head()) instanceof ObjectNode parent)) {
                throw new ContractViolation(flag + ": the observation has no object at " + pointer.head());
            }
            parent.set(pointer.last().getMatchingProperty(), value);
        } else {
            throw new ContractViolation(FRAGMENTS + " entry for " + flag + " has unknown role \"" + role + "\"");
        }
    }

    /** Fills {@code target} from {@code base} where target lacks a key; target's own values (null too) win. */
    private static void mergeUnder(ObjectNode target, ObjectNode base) {
        for (Map.Entry<String, JsonNode> e : base.properties()) {
            JsonNode mine = target.get(e.getKey());
            if (mine == null) {
                target.set(e.getKey(), e.getValue());
            } else if (mine instanceof ObjectNode mineObject && e.getValue() instanceof ObjectNode baseObject) {
                mergeUnder(mineObject, baseObject);
            }
        }
    }

    private static void checkIdentity(ObjectNode record, Expectation expected) throws ContractViolation {
        for (String pointer : List.of("/probe/id", "/probe/primary_capability_id", "/run/mode")) {
            if (!record.at(pointer).isString()) {
                throw new ContractViolation("the record lacks " + pointer + " (a string)");
            }
        }
        String id = record.path("probe").path("id").asString(null);
        if (!expected.probeId().equals(id)) {
            throw new ContractViolation("the record names probe \"" + id + "\" but the harness ran \""
                    + expected.probeId() + "\" (probe.id must equal the file name)");
        }
        String mode = record.path("run").path("mode").asString(null);
        if (!expected.mode().equals(mode)) {
            throw new ContractViolation("the record says run.mode \"" + mode + "\" but the harness ran mode \""
                    + expected.mode() + "\" (pass --run-mode \"$FENCE_RUN_MODE\")");
        }
    }

    private ObjectNode capabilityContext(ObjectNode record) throws ContractViolation {
        JsonNode probe = record.path("probe");
        ObjectNode context = FenceJson.MAPPER.createObjectNode();
        context.set(
                "primary", snapshot(probe.path("primary_capability_id").asString(null), "probe.primary_capability_id"));
        ArrayNode secondary = context.putArray("secondary");
        for (JsonNode id : probe.path("secondary_capability_ids")) {
            secondary.add(snapshot(id.asString(null), "probe.secondary_capability_ids"));
        }
        return context;
    }

    private ObjectNode snapshot(String id, String field) throws ContractViolation {
        Capability capability = catalog.find(id == null ? "" : id)
                .orElseThrow(() -> new ContractViolation(field + " \"" + id + "\" is not in catalog "
                        + catalog.schemaVersion() + " (" + catalog.source() + ")"));
        ObjectNode node = FenceJson.MAPPER.createObjectNode();
        node.put("id", capability.id());
        node.put("category", capability.category());
        node.put("layer", capability.layer());
        return node;
    }

    private static void capSnippet(ObjectNode record, String field) {
        if (record.path("payload") instanceof ObjectNode payload
                && payload.get(field) != null
                && payload.get(field).isString()) {
            payload.put(field, cap(payload.get(field).asString()));
        }
    }

    /** At most {@link #SNIPPET_LIMIT} code points, without a replacement character left by a cut sequence. */
    static String cap(String s) {
        String out = s;
        if (s.codePointCount(0, s.length()) > SNIPPET_LIMIT) {
            out = s.substring(0, s.offsetByCodePoints(0, SNIPPET_LIMIT));
        }
        if (s.length() != out.length() || out.length() >= SNIPPET_LIMIT - 4) {
            while (out.endsWith("\uFFFD")) {
                out = out.substring(0, out.length() - 1);
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "…";
    }
}
