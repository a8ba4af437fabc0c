package dev.codexfence.engine.internal.schema;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.codexfence.engine.internal.json.JsonLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Validates JSON documents against one draft 2020-12 schema and reports violations by JSON pointer. */
@API(status = INTERNAL, since = "0.1")
public final class SchemaValidator {

    private static final java.util.Set<String> NAMES_A_PROPERTY =
            java.util.Set.of("required", "additionalProperties", "unevaluatedProperties");

    private final String name;
    private final Schema schema;

    private SchemaValidator(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /**
     * @param name how messages call the schema (usually its file name)
     * @param schemaNode the parsed schema document
     */
    public static SchemaValidator of(String name, JsonNode schemaNode) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return new SchemaValidator(name, registry.getSchema(schemaNode));
    }

    public String name() {
        return name;
    }

    /** Violations of {@code document}, sorted by pointer; empty when it is valid. */
    public List<SchemaViolation> validate(JsonNode document) {
        return validate(document, null);
    }

    /** As {@link #validate(JsonNode)}, with line numbers looked up in {@code lines} when given. */
    public List<SchemaViolation> validate(JsonNode document, JsonLines lines) {
        List<SchemaViolation> violations = new ArrayList<>();
        for (Error error : schema.validate(document)) {
            String pointer = pointerOf(error);
            violations.add(new SchemaViolation(pointer, error.getMessage(), lines == null ? 0 : lines.lineOf(pointer)));
        }
        violations.sort(Comparator.comparing(SchemaViolation::pointer).thenComparing(SchemaViolation::message));
        return violations;
    }

    private static String pointerOf(Error error) {
        JsonPointer pointer = JsonPointer.empty();
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index
                    ? pointer.appendIndex(index)
                    : pointer.appendProperty(String.valueOf(element));
        }
        // a missing property is best located at its own (absent) place
        if (NAMES_A_PROPERTY.contains(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer.appendProperty(error.getProperty());
        }
        return pointer.toString();
    }
}
