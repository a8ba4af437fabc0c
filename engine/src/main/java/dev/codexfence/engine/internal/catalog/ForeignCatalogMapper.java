package dev.codexfence.engine.internal.catalog;

import dev.codexfence.engine.internal.json.JsonLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Maps a catalog in one of the foreign shapes ({@link CatalogFormat#MACOS_CODEX_V1},
 * {@link CatalogFormat#SANDBOX_CATALOG_V1}), already checked against its own schema, onto codex-fence's
 * catalog model, and writes down what it decided as {@link CatalogNote}s. docs/capabilities.md has the
 * field-by-field table.
 *
 * <p>What records need is checked here, for both shapes: capability ids must match the cfbo-v1 pattern, and
 * categories and layers must be names without whitespace. The cross references are left to the loader's
 * usual checks, which the successor's format shares (a category, layer or source doc must be declared). The
 * original format never checked them, so for it a category or layer used without being declared is declared
 * by that use, and a source doc missing from {@code docs} gets an empty bibliography entry, each with a note.
 */
final class ForeignCatalogMapper {

    private static final Pattern CAPABILITY_ID = Pattern.compile("^cap_[a-z0-9_]+$");
    private static final Pattern NAME = Pattern.compile("^\\S+$");
    private static final int LISTED = 6;

    /** The fields the original format defines, by the place of the object (arrays and maps as *). */
    private static final Map<String, Set<String>> ORIGINAL_FIELDS = Map.of(
            "", Set.of("schema_version", "scope", "docs", "capabilities"),
            "/scope", Set.of("description", "notes", "policy_layers", "categories", "limitations"),
            "/scope/policy_layers/*", Set.of("id", "description"),
            "/docs/*", Set.of("title", "url", "url_hint"),
            "/capabilities/*",
                    Set.of(
                            "id",
                            "category",
                            "layer",
                            "description",
                            "operations",
                            "meta_ops",
                            "agent_controls",
                            "notes",
                            "sources",
                            "platforms",
                            "labels"),
            "/capabilities/*/operations", Set.of("allow", "deny"),
            "/capabilities/*/sources/*", Set.of("doc", "section", "url_hint"));

    private final CatalogFormat format;
    private final String source;
    private final JsonLines lines;
    private final List<CatalogNote> notes = new ArrayList<>();

    /** The mapped document and the notes about it. */
    record Mapped(CatalogDocument document, List<CatalogNote> notes) {}

    ForeignCatalogMapper(CatalogFormat format, String source, JsonLines lines) {
        if (format == CatalogFormat.CODEX_FENCE) {
            throw new IllegalArgumentException("codex-fence's own format needs no mapping");
        }
        this.format = format;
        this.source = source;
        this.lines = lines;
    }

    Mapped map(JsonNode root) {
        String identityAt = wrapped() ? "/catalog/key" : "/schema_version";
        String identity = root.at(identityAt).asString();
        note(
                identityAt,
                "read as " + format.description() + "; records carry capabilities_schema_version \"" + identity + "\"");

        JsonNode scope = root.get("scope");
        Map<String, String> categories = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : scope.get("categories").properties()) {
            categories.put(e.getKey(), e.getValue().asString());
        }
        List<CatalogDocument.PolicyLayer> layers = new ArrayList<>();
        for (JsonNode layer : elements(scope.get("policy_layers"))) {
            layers.add(new CatalogDocument.PolicyLayer(
                    layer.get("id").asString(), layer.get("description").asString()));
        }
        Map<String, CatalogDocument.DocEntry> docs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("docs").properties()) {
            docs.put(
                    e.getKey(),
                    new CatalogDocument.DocEntry(e.getValue().get("title").asString(), text(e.getValue(), "url")));
        }

        PlatformRule platforms = new PlatformRule(wrapped(), strings(root.at("/catalog/labels")));
        List<Capability> capabilities = new ArrayList<>();
        JsonNode caps = root.get("capabilities");
        for (int i = 0; i < caps.size(); i++) {
            capabilities.add(capability(caps.get(i), "/capabilities/" + i, platforms));
        }
        notes.addAll(platforms.notes(source));
        if (!wrapped()) {
            declareByUse(capabilities, categories, layers, docs);
            noteIgnoredFields(root);
        }

        CatalogDocument.Scope mappedScope = new CatalogDocument.Scope(
                scope.get("description").asString(),
                orEmpty(text(scope, "notes")),
                List.copyOf(layers),
                categories,
                limitations(scope.get("limitations")));
        return new Mapped(
                new CatalogDocument(identity, mappedScope, docs, List.copyOf(capabilities)), List.copyOf(notes));
    }

    private boolean wrapped() {
        return format == CatalogFormat.SANDBOX_CATALOG_V1;
    }

    /** One capability entry at {@code at}; its id, category and layer must be usable in records. */
    private Capability capability(JsonNode c, String at, PlatformRule platforms) {
        String id = c.get("id").asString();
        if (!CAPABILITY_ID.matcher(id).matches()) {
            throw fail(
                    at + "/id",
                    "capability id \"" + printable(id) + "\" cannot be used: cfbo-v1 records name"
                            + " capabilities by ids matching " + CAPABILITY_ID.pattern());
        }
        String category = name(c, at, "category");
        String layer = name(c, at, "layer");
        List<Capability.SourceRef> sources = new ArrayList<>();
        for (JsonNode s : elements(c.get("sources"))) {
            sources.add(new Capability.SourceRef(s.get("doc").asString(), text(s, "section"), text(s, "url_hint")));
        }
        JsonNode field = c.get("platforms");
        List<Platform> on = platforms.resolve(
                id, lines.lineOf(at), field == null ? null : strings(field), strings(c.get("labels")));
        JsonNode ops = c.get("operations");
        return new Capability(
                id,
                category,
                layer,
                on,
                c.get("description").asString(),
                orEmpty(text(c, "notes")),
                new Capability.Operations(strings(ops.get("allow")), strings(ops.get("deny"))),
                strings(c.get("meta_ops")),
                strings(c.get("agent_controls")),
                sources);
    }

    /**
     * The original never checked its cross references: a category or layer used without a declaration is
     * declared by that use, a source doc missing from docs gets an empty entry; one note for each.
     */
    private void declareByUse(
            List<Capability> capabilities,
            Map<String, String> categories,
            List<CatalogDocument.PolicyLayer> layers,
            Map<String, CatalogDocument.DocEntry> docs) {
        // value -> the indexes of the capabilities that use it without its declaration
        Map<String, List<Integer>> newCategories = new LinkedHashMap<>();
        Map<String, List<Integer>> newLayers = new LinkedHashMap<>();
        Map<String, List<Integer>> newDocs = new LinkedHashMap<>();
        for (int i = 0; i < capabilities.size(); i++) {
            Capability c = capabilities.get(i);
            if (!categories.containsKey(c.category())) {
                newCategories
                        .computeIfAbsent(c.category(), k -> new ArrayList<>())
                        .add(i);
            }
            if (layers.stream().noneMatch(l -> l.id().equals(c.layer()))) {
                newLayers.computeIfAbsent(c.layer(), k -> new ArrayList<>()).add(i);
            }
            for (Capability.SourceRef s : c.sources()) {
                List<Integer> users =
                        docs.containsKey(s.doc()) ? null : newDocs.computeIfAbsent(s.doc(), k -> new ArrayList<>());
                if (users != null && !users.contains(i)) {
                    users.add(i);
                }
            }
        }
        newCategories.keySet().forEach(category -> categories.put(category, ""));
        newLayers.keySet().forEach(layer -> layers.add(new CatalogDocument.PolicyLayer(layer, "")));
        newDocs.keySet().forEach(doc -> docs.put(doc, new CatalogDocument.DocEntry("", null)));
        noteUses(newCategories, capabilities, "category", "/scope/categories", "declared by that use");
        noteUses(newLayers, capabilities, "layer", "/scope/policy_layers", "declared by that use");
        noteUses(newDocs, capabilities, "source doc", "/docs", "kept, with an empty bibliography entry");
    }

    /** A category or layer: records need it non-empty, and as a test tag and a map key it has no whitespace. */
    private String name(JsonNode capability, String at, String field) {
        String value = capability.get(field).asString();
        if (!NAME.matcher(value).matches()) {
            throw fail(
                    at + "/" + field,
                    field + " \"" + printable(value) + "\" must be a non-empty name without whitespace"
                            + " (records carry it, and it becomes a test tag)");
        }
        return value;
    }

    /** The original's limitations are one text (or none); a list, the codex-fence shape, is taken as it is. */
    private static List<String> limitations(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return strings(node);
        }
        String text = node.asString().strip();
        return text.isEmpty() ? List.of() : List.of(text);
    }

    private void noteUses(
            Map<String, List<Integer>> uses, List<Capability> capabilities, String what, String where, String outcome) {
        uses.forEach((value, indexes) -> {
            List<String> shown = new ArrayList<>();
            for (int i : indexes.subList(0, Math.min(LISTED, indexes.size()))) {
                shown.add(capabilities.get(i).id());
            }
            String more = indexes.size() > LISTED ? " and " + (indexes.size() - LISTED) + " more" : "";
            note(
                    "/capabilities/" + indexes.get(0),
                    what + " \"" + printable(value) + "\" is not in " + where + " but " + String.join(", ", shown)
                            + more + (indexes.size() == 1 ? " uses" : " use") + " it: " + outcome);
        });
    }

    /** Fields the original's reader skipped are skipped here too; one note lists them. */
    private void noteIgnoredFields(JsonNode root) {
        Map<String, int[]> ignored = new LinkedHashMap<>(); // place -> {count, first line}
        collectIgnored(root, "", "", ignored);
        JsonNode scope = root.get("scope");
        collectIgnored(scope, "/scope", "/scope", ignored);
        List<JsonNode> layers = elements(scope.get("policy_layers"));
        for (int i = 0; i < layers.size(); i++) {
            collectIgnored(layers.get(i), "/scope/policy_layers/*", "/scope/policy_layers/" + i, ignored);
        }
        for (Map.Entry<String, JsonNode> e : root.get("docs").properties()) {
            collectIgnored(e.getValue(), "/docs/*", "/docs/" + e.getKey(), ignored);
        }
        JsonNode caps = root.get("capabilities");
        for (int i = 0; i < caps.size(); i++) {
            String at = "/capabilities/" + i;
            collectIgnored(caps.get(i), "/capabilities/*", at, ignored);
            collectIgnored(caps.get(i).get("operations"), "/capabilities/*/operations", at + "/operations", ignored);
            List<JsonNode> sources = elements(caps.get(i).get("sources"));
            for (int s = 0; s < sources.size(); s++) {
                collectIgnored(sources.get(s), "/capabilities/*/sources/*", at + "/sources/" + s, ignored);
            }
        }
        if (ignored.isEmpty()) {
            return;
        }
        List<String> listed = new ArrayList<>();
        int count = 0;
        int line = 0;
        for (Map.Entry<String, int[]> e : ignored.entrySet()) {
            listed.add(printable(e.getKey()) + (e.getValue()[0] > 1 ? " (" + e.getValue()[0] + "×)" : ""));
            count += e.getValue()[0];
            line = line == 0 ? e.getValue()[1] : line;
        }
        notes.add(new CatalogNote(
                source + ": ignored " + count + (count == 1 ? " field" : " fields") + " that " + format.description()
                        + " does not define: " + String.join(", ", listed),
                line));
    }

    private void collectIgnored(JsonNode node, String place, String at, Map<String, int[]> ignored) {
        if (node == null || !node.isObject()) {
            return;
        }
        Set<String> known = ORIGINAL_FIELDS.get(place);
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                int[] seen = ignored.computeIfAbsent(place + "/" + field, k -> new int[] {0, 0});
                seen[0]++;
                if (seen[1] == 0) {
                    seen[1] = lines.lineOf(at + "/" + field);
                }
            }
        }
    }

    private void note(String pointer, String what) {
        notes.add(new CatalogNote(source + ": " + what, lines.lineOf(pointer)));
    }

    private CatalogException fail(String pointer, String what) {
        return CatalogException.at(source, pointer, lines.lineOf(pointer), what);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : elements(array)) {
            out.add(n.asString());
        }
        return out;
    }

    /** A text field's value; null when it is absent or null. */
    private static String text(JsonNode object, String field) {
        JsonNode n = object.get(field);
        return n == null || n.isNull() ? null : n.asString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A catalog value shown in a note, with control characters escaped (notes reach terminals). */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isISOControl(ch)) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
