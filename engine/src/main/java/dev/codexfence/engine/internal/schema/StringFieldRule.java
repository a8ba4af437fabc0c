package dev.codexfence.engine.internal.schema;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON schema demands of one string field ({@code pattern}, {@code minLength}, {@code maxLength}), read
 * from the schema itself, so that a value can be checked before a whole document is built (a probe id at
 * discovery, long before its first record).
 *
 * @param field the field as messages name it, e.g. {@code probe.id}
 * @param schemaName the schema file, for messages
 * @param pattern the regular expression, or null when the schema sets none
 * @param minLength the least length, or -1
 * @param maxLength the greatest length, or -1
 * @param compiled {@code pattern}, compiled once
 */
@API(status = INTERNAL, since = "0.1")
public record StringFieldRule(
        String field, String schemaName, String pattern, int minLength, int maxLength, Pattern compiled) {

    public StringFieldRule(String field, String schemaName, String pattern, int minLength, int maxLength) {
        this(field, schemaName, pattern, minLength, maxLength, pattern == null ? null : Pattern.compile(pattern));
    }

    /**
     * The rule of {@code field} in {@code schema}: a dotted path through {@code properties}, a {@code []}
     * suffix stepping into {@code items} ({@code probe.secondary_capability_ids[]}); local {@code $ref}s are
     * followed.
     *
     * @throws IllegalArgumentException when the schema has no such field, or it is not a string field
     */
    public static StringFieldRule of(JsonNode schema, String schemaName, String field) {
        JsonNode node = schema;
        for (String step : field.split("\\.")) {
            boolean items = step.endsWith("[]");
            String name = items ? step.substring(0, step.length() - 2) : step;
            node = resolve(schema, resolve(schema, node).path("properties").path(name));
            if (items) {
                node = resolve(schema, node.path("items"));
            }
            if (node.isMissingNode()) {
                throw new IllegalArgumentException(schemaName + " has no field " + field);
            }
        }
        JsonNode type = node.path("type");
        boolean string = type.isString()
                ? type.asString().equals("string")
                : type.isArray()
                        && type.valueStream().anyMatch(t -> t.asString().equals("string"));
        if (!string) {
            throw new IllegalArgumentException(schemaName + " field " + field + " is not a string field");
        }
        String pattern = node.path("pattern").isString() ? node.path("pattern").asString() : null;
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        schemaName + " field " + field + " has a pattern Java cannot read: " + pattern, e);
            }
        }
        return new StringFieldRule(
                field,
                schemaName,
                pattern,
                node.path("minLength").asInt(-1),
                node.path("maxLength").asInt(-1));
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        JsonNode at = node;
        for (int hops = 0; at.path("$ref").isString() && hops < 16; hops++) {
            String ref = at.path("$ref").asString();
            if (!ref.startsWith("#")) {
                throw new IllegalArgumentException("only local $refs are followed, not " + ref);
            }
            at = schema.at(JsonPointer.compile(ref.substring(1)));
        }
        return at;
    }

    /** What is wrong with {@code value} for this field, or empty when the schema accepts it. */
    public Optional<String> problem(String value) {
        int length = value.codePointCount(0, value.length());
        if (minLength >= 0 && length < minLength) {
            return Optional.of(
                    "is shorter than the " + minLength + " character(s) " + schemaName + " demands of " + field);
        }
        if (maxLength >= 0 && length > maxLength) {
            return Optional.of("is longer than the " + maxLength + " characters " + schemaName + " allows in " + field);
        }
        if (compiled != null && !compiled.matcher(value).find()) {
            return Optional.of("does not match " + pattern + ", the pattern " + schemaName + " demands of " + field);
        }
        return Optional.empty();
    }
}
