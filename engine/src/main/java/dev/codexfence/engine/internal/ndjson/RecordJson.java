package dev.codexfence.engine.internal.ndjson;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import dev.codexfence.record.RecordLine;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a cfbo-v1 record, the one place where the record model meets Jackson (the model itself names no
 * JSON library): records to compact JSON lines and trees, and back. Keys come in the record's component order,
 * snake_case; {@code stack.codex_npm_version} is left out when absent (the one optional key); {@code observed_result}
 * is its {@link ObservedResult#id() id}. Reading is strict, as {@link FenceJson#MAPPER} is: unknown keys,
 * duplicate keys and trailing tokens are errors.
 *
 * <p>Serialise records only through this class: {@link FenceJson#MAPPER} alone does not know the record's JSON
 * form (it would write {@code "SUCCESS"} and a null {@code codex_npm_version}).
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordJson {

    private static final JsonMapper MAPPER = FenceJson.MAPPER
            .rebuild()
            .addMixIn(BoundaryObject.Stack.class, StackForm.class)
            .addMixIn(ObservedResult.class, ObservedResultForm.class)
            .build();

    private RecordJson() {}

    /** How {@link BoundaryObject.Stack} reads as JSON: without {@code codex_npm_version} when it has none. */
    private abstract static class StackForm {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract String codexNpmVersion();
    }

    /** How {@link ObservedResult} reads as JSON: {@code success}, {@code denied}, … */
    private abstract static class ObservedResultForm {
        @JsonValue
        abstract String id();
    }

    /** The record as one line of compact JSON, keys in canonical order: what an NDJSON file holds. */
    public static String line(BoundaryObject record) {
        return MAPPER.writeValueAsString(record);
    }

    /** The record with its compact JSON, made by {@code source} (a probe run, say; see {@link RecordLine}). */
    public static RecordLine lineOf(BoundaryObject record, String source, int lineNumber) {
        return new RecordLine(record, line(record), source, lineNumber);
    }

    /** The record as a JSON tree, keys in canonical order. */
    public static ObjectNode tree(BoundaryObject record) {
        return MAPPER.valueToTree(record);
    }

    /** A record's JSON line as a tree. */
    public static ObjectNode tree(RecordLine line) {
        return (ObjectNode) MAPPER.readTree(line.json());
    }

    /**
     * The typed record of a tree that passed the cfbo-v1 schema.
     *
     * @throws JacksonException when the tree does not fit the record (an unknown key, a wrong type)
     * @throws IllegalArgumentException when a value of {@code args} or {@code raw} is not a JSON value
     */
    public static BoundaryObject record(JsonNode tree) {
        return MAPPER.treeToValue(tree, BoundaryObject.class);
    }

    /** A record's {@code stack} section as a tree: for the harness, which puts it into every record it completes. */
    public static ObjectNode tree(BoundaryObject.Stack stack) {
        return MAPPER.valueToTree(stack);
    }

    /**
     * A {@code stack} section read from a tree ({@code detect-stack}'s output).
     *
     * @throws JacksonException when the tree does not fit a stack section (an unknown key, a wrong type)
     */
    public static BoundaryObject.Stack stack(JsonNode tree) {
        return MAPPER.treeToValue(tree, BoundaryObject.Stack.class);
    }

    /**
     * The JSON text of a value of {@code operation.args} or {@code payload.raw}: {@code "text"} with its quotes,
     * {@code 42}, {@code true}, {@code null}, {@code ["a"]}.
     */
    public static String text(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
