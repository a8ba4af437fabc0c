package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.input.InputException;
import dev.codexfence.engine.internal.input.InputFile;
import dev.codexfence.engine.internal.input.InputLimit;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.json.JsonLines;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a record-schema descriptor a run is pointed at ({@code --boundary FILE}, configuration key
 * {@code codex-fence.boundary}): JSON, then {@code schema/boundary_descriptor.schema.json}, then its key must
 * be {@code cfbo-v1} and the embedded schema must not pin another {@code schema_key}. Anything else is a
 * {@link CatalogException} naming file, pointer and line, so the run stops before a probe starts.
 */
@API(status = INTERNAL, since = "0.1")
public final class BoundaryDescriptorLoader {

    /** The bundled schema of descriptor files. */
    public static final String SCHEMA = "boundary_descriptor.schema.json";

    /** Descriptors are small; a larger file is refused before it is read. */
    static final InputLimit LIMIT = new InputLimit("a record-schema descriptor", 4 * InputLimit.MIB);

    private final SchemaValidator schema = SchemaValidator.of(SCHEMA, FenceJson.bundled("schema/" + SCHEMA));

    /** Loads a descriptor file: a regular file (a symlink to one is fine) of at most {@link #LIMIT}. */
    public BoundaryDescriptor load(Path file) {
        String text;
        try {
            text = InputFile.readText(file, LIMIT);
        } catch (InputException e) {
            throw new CatalogException(file + ": cannot read the record-schema descriptor: it " + e.problem(), e);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(file + ": cannot read the record-schema descriptor (" + e + ")", e);
        }
        return parse(file.toString(), file, text);
    }

    /** Parses and checks a descriptor text; {@code source} names it in messages. */
    public BoundaryDescriptor parse(String source, Path path, String text) {
        JsonLines lines = JsonLines.index(text);
        JsonNode root;
        try {
            root = FenceJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw CatalogException.at(source, "", line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw CatalogException.at(source, "", 0, "empty file, expected a record-schema descriptor");
        }
        if (root.isObject() && root.has("schema_version") && root.has("capabilities")) {
            throw CatalogException.at(
                    source,
                    "",
                    0,
                    "this is a capability catalog, not a record-schema descriptor:"
                            + " give it to --catalog or codex-fence.catalog");
        }
        List<SchemaViolation> violations = schema.validate(root, lines);
        if (!violations.isEmpty()) {
            SchemaViolation first = violations.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more violations)" : "";
            throw CatalogException.at(
                    source, first.pointer(), first.line(), "violates " + schema.name() + ": " + first.message() + more);
        }
        String key = root.get("key").asString();
        if (!BoundaryDescriptor.ACCEPTED_KEY.equals(key)) {
            throw CatalogException.at(
                    source,
                    "/key",
                    lines.lineOf("/key"),
                    "record schema \"" + key
                            + "\" is not supported: codex-fence writes and checks " + BoundaryDescriptor.ACCEPTED_KEY
                            + " records only (schema/boundary_object.json); use a descriptor whose key is "
                            + BoundaryDescriptor.ACCEPTED_KEY + ", or none");
        }
        JsonNode pinned = root.at("/boundary_schema/properties/schema_key");
        String pinnedAt = null;
        if (pinned.has("const")) {
            pinnedAt = "/boundary_schema/properties/schema_key/const";
        } else if (pinned.path("enum").isArray() && pinned.get("enum").size() == 1) {
            pinnedAt = "/boundary_schema/properties/schema_key/enum/0";
        }
        if (pinnedAt != null) {
            JsonNode value = root.at(pinnedAt);
            if (!value.isString() || !value.asString().equals(key)) {
                throw CatalogException.at(
                        source,
                        pinnedAt,
                        lines.lineOf(pinnedAt),
                        "the embedded schema pins schema_key " + value + ", but the descriptor's key is \"" + key
                                + "\"");
            }
        }
        return new BoundaryDescriptor(key, source, path, lines.lineOf("/key"));
    }
}
