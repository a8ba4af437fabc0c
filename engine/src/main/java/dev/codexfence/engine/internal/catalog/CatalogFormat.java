package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;

/**
 * The catalog file shapes the loader reads, told apart by their {@code schema_version}: the two foreign
 * shapes name a fixed version, every other value is this project's own format. Each shape is checked
 * against a schema of its own (all bundled in the engine jar); docs/capabilities.md maps the fields.
 */
@API(status = INTERNAL, since = "0.1")
public enum CatalogFormat {

    /** codex-fence's own format ({@code schema/capability_catalog.schema.json}), any other schema_version. */
    CODEX_FENCE(null, "capability_catalog.schema.json", "a codex-fence catalog"),

    /** The original codex-fence's catalog: no platforms, optional notes and layers, limitations as one text. */
    MACOS_CODEX_V1(
            "macOS_codex_v1",
            "macos_codex_v1_catalog.schema.json",
            "a macOS_codex_v1 catalog (the original codex-fence's format)"),

    /** The successor's wrapped catalog: the catalog's identity is {@code catalog.key}, labels name platforms. */
    SANDBOX_CATALOG_V1(
            "sandbox_catalog_v1",
            "sandbox_catalog_v1.schema.json",
            "a sandbox_catalog_v1 catalog (the wrapped format of the original's successor)");

    private final String schemaVersion;
    private final String schemaFile;
    private final String description;
    private volatile SchemaValidator validator;

    CatalogFormat(String schemaVersion, String schemaFile, String description) {
        this.schemaVersion = schemaVersion;
        this.schemaFile = schemaFile;
        this.description = description;
    }

    /** The shape of a parsed catalog document: a foreign shape by its fixed schema_version, else our own. */
    public static CatalogFormat of(JsonNode root) {
        JsonNode version = root == null ? null : root.get("schema_version");
        if (version != null && version.isString()) {
            for (CatalogFormat f : values()) {
                if (f.schemaVersion != null && f.schemaVersion.equals(version.asString())) {
                    return f;
                }
            }
        }
        return CODEX_FENCE;
    }

    /** Whether a document is a record-schema descriptor rather than a catalog (a common mix-up of files). */
    static boolean isBoundaryDescriptor(JsonNode root) {
        return root != null
                && root.isObject()
                && root.has("boundary_schema")
                && root.has("key")
                && !root.has("schema_version");
    }

    /**
     * A hint appended to the message of a document that failed codex-fence's own schema, when it looks like a
     * foreign catalog whose schema_version was changed.
     */
    static String hintForOwnFormatFailure(JsonNode root) {
        if (root == null || !root.isObject()) {
            return "";
        }
        boolean foreignLooking = root.has("catalog")
                || root.at("/scope/limitations").isString()
                || (root.has("schema_version") && !root.get("schema_version").isString());
        if (foreignLooking) {
            return "; a catalog in the original codex-fence's format keeps schema_version \""
                    + MACOS_CODEX_V1.schemaVersion
                    + "\", one in its successor's wrapped format \"" + SANDBOX_CATALOG_V1.schemaVersion
                    + "\" (docs/capabilities.md, Catalog shapes)";
        }
        return "";
    }

    /** The schema file (in {@code schema/}) that checks this shape. */
    public String schemaFile() {
        return schemaFile;
    }

    /** How messages and notes name the shape. */
    public String description() {
        return description;
    }

    /** This shape's schema, read from the engine jar once, on first use. */
    SchemaValidator validator() {
        SchemaValidator v = validator;
        if (v == null) {
            synchronized (this) {
                v = validator;
                if (v == null) {
                    v = SchemaValidator.of(schemaFile, FenceJson.bundled("schema/" + schemaFile));
                    validator = v;
                }
            }
        }
        return v;
    }
}
