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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads capability catalogs: JSON syntax, then the schema of the catalog's shape ({@link CatalogFormat}:
 * codex-fence's own, or one of the two foreign shapes, mapped by {@link ForeignCatalogMapper}), then the
 * rules a schema cannot say (unique ids, declared categories and layers, sources in the bibliography, no
 * whitespace in keys). The first problem found is thrown as a {@link CatalogException} naming file, JSON
 * pointer and line.
 */
@API(status = INTERNAL, since = "0.1")
public final class CatalogLoader {

    /** The default catalog that ships in the engine jar. */
    public static final String BUNDLED_CATALOG = "schema/capabilities.json";

    /** The largest catalog file the loader reads (the bundled one is about 71 KiB). */
    public static final InputLimit LIMIT = new InputLimit("a catalog", 16 * InputLimit.MIB);

    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final SchemaValidator schema;

    public CatalogLoader() {
        this(SchemaValidator.of(
                "capability_catalog.schema.json", FenceJson.bundled("schema/capability_catalog.schema.json")));
    }

    CatalogLoader(SchemaValidator schema) {
        this.schema = schema;
    }

    /**
     * Loads a catalog file: a regular file (a symlink to one is fine) of at most {@link #LIMIT}; a FIFO, a device
     * or an oversized file is refused before it is read.
     */
    public CapabilityCatalog load(Path file) {
        String text;
        try {
            text = InputFile.readText(file, LIMIT);
        } catch (InputException e) {
            throw new CatalogException(file + ": cannot read the catalog: it " + e.problem(), e);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(file + ": cannot read the catalog (" + e + ")", e);
        }
        return parse(file.toString(), file, text);
    }

    /** The catalog bundled with the engine. */
    public CapabilityCatalog loadBundled() {
        String name = "/dev/codexfence/" + BUNDLED_CATALOG;
        try (InputStream in = CatalogLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new CatalogException("the engine jar lacks " + name + " (a broken build?)");
            }
            return parse("classpath:" + name, null, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CatalogException("cannot read bundled catalog " + name + " (" + e + ")", e);
        }
    }

    /** Parses and checks a catalog text; {@code source} names it in messages. */
    public CapabilityCatalog parse(String source, Path path, String text) {
        JsonLines lines = JsonLines.index(text);
        JsonNode root;
        try {
            root = FenceJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw CatalogException.at(source, "", line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw CatalogException.at(source, "", 0, "empty file, expected a catalog object");
        }
        checkKeys(source, root, JsonPointer.empty(), lines);
        CatalogFormat format = CatalogFormat.of(root);
        CatalogDocument document;
        List<CatalogNote> notes = List.of();
        if (CatalogFormat.isBoundaryDescriptor(root)) {
            throw CatalogException.at(
                    source,
                    "",
                    0,
                    "this is a record-schema descriptor (key \""
                            + ForeignCatalogMapper.printable(root.get("key").asString())
                            + "\"), not a capability catalog:"
                            + " give it to --boundary or codex-fence.boundary");
        }
        if (format == CatalogFormat.CODEX_FENCE) {
            validate(schema, source, root, lines, CatalogFormat.hintForOwnFormatFailure(root));
            try {
                document = FenceJson.MAPPER.treeToValue(root, CatalogDocument.class);
            } catch (JacksonException e) {
                throw CatalogException.at(source, "", 0, "cannot be mapped: " + e.getOriginalMessage());
            }
        } else {
            validate(format.validator(), source, root, lines, "");
            ForeignCatalogMapper.Mapped mapped = new ForeignCatalogMapper(format, source, lines).map(root);
            document = mapped.document();
            notes = mapped.notes();
        }
        Map<String, Integer> capabilityLines = checkSemantics(source, document, lines);
        return new CapabilityCatalog(document, source, path, capabilityLines, format, notes);
    }

    private static void validate(SchemaValidator schema, String source, JsonNode root, JsonLines lines, String hint) {
        List<SchemaViolation> violations = schema.validate(root, lines);
        if (!violations.isEmpty()) {
            SchemaViolation first = violations.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more violations)" : "";
            throw CatalogException.at(
                    source,
                    first.pointer(),
                    first.line(),
                    "violates " + schema.name() + ": " + first.message() + more + hint);
        }
    }

    private static void checkKeys(String source, JsonNode node, JsonPointer at, JsonLines lines) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonPointer child = at.appendProperty(e.getKey());
                if (e.getKey().isEmpty() || WHITESPACE.matcher(e.getKey()).find()) {
                    throw CatalogException.at(
                            source,
                            child.toString(),
                            lines.lineOf(child.toString()),
                            "key \"" + e.getKey() + "\" is empty or contains whitespace");
                }
                checkKeys(source, e.getValue(), child, lines);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(source, node.get(i), at.appendIndex(i), lines);
            }
        }
    }

    private static Map<String, Integer> checkSemantics(String source, CatalogDocument doc, JsonLines lines) {
        Set<String> layers = Set.copyOf(doc.scope().policyLayers().stream()
                .map(CatalogDocument.PolicyLayer::id)
                .toList());
        Map<String, Integer> seen = new HashMap<>();
        List<Capability> caps = doc.capabilities();
        for (int i = 0; i < caps.size(); i++) {
            Capability c = caps.get(i);
            String at = "/capabilities/" + i;
            Integer first = seen.putIfAbsent(c.id(), i);
            if (first != null) {
                String firstAt = "/capabilities/" + first + "/id";
                throw CatalogException.at(
                        source,
                        at + "/id",
                        lines.lineOf(at + "/id"),
                        "duplicate capability id " + c.id() + " (first at " + firstAt + ", line "
                                + lines.lineOf(firstAt) + ")");
            }
            if (!doc.scope().categories().containsKey(c.category())) {
                throw CatalogException.at(
                        source,
                        at + "/category",
                        lines.lineOf(at + "/category"),
                        "category \"" + c.category() + "\" is not declared in /scope/categories "
                                + doc.scope().categories().keySet());
            }
            if (!layers.contains(c.layer())) {
                throw CatalogException.at(
                        source,
                        at + "/layer",
                        lines.lineOf(at + "/layer"),
                        "layer \"" + c.layer() + "\" is not declared in /scope/policy_layers " + layers);
            }
            for (int s = 0; s < c.sources().size(); s++) {
                String docKey = c.sources().get(s).doc();
                if (!doc.docs().containsKey(docKey)) {
                    String p = at + "/sources/" + s + "/doc";
                    throw CatalogException.at(
                            source,
                            p,
                            lines.lineOf(p),
                            "source doc \"" + docKey + "\" is not in the bibliography /docs");
                }
            }
        }
        Map<String, Integer> capabilityLines = new HashMap<>();
        seen.forEach((id, index) -> capabilityLines.put(id, lines.lineOf("/capabilities/" + index)));
        return capabilityLines;
    }
}
