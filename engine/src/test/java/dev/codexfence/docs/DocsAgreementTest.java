package dev.codexfence.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The docs, the schema and the Java model say the same thing. */
class DocsAgreementTest {

    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();
    private static final CapabilityCatalog CATALOG = new CatalogLoader().loadBundled();
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([A-Za-z0-9_]+)`?\\s*\\|\\s*(\\d+)\\s*\\|\\s*$");

    /** The {@code | name | number |} rows under a heading of capabilities.md. */
    private static Map<String, Integer> table(String markdown, String heading) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        int at = markdown.indexOf(heading);
        assertThat(at).as("heading '%s' in docs/capabilities.md", heading).isNotNegative();
        for (String line : markdown.substring(at + heading.length()).split("\n")) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                rows.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return rows;
    }

    private static Map<String, Integer> count(Function<Capability, List<String>> keys) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Capability c : CATALOG.capabilities()) {
            for (String k : keys.apply(c)) {
                counts.merge(k, 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void everyCountInCapabilitiesMdMatchesTheCatalog() throws IOException {
        String md = Files.readString(ROOT.resolve("docs/capabilities.md"));
        assertThat(table(md, "## Counts by layer")).isEqualTo(count(c -> List.of(c.layer())));
        assertThat(table(md, "## Counts by category")).isEqualTo(count(c -> List.of(c.category())));
        assertThat(table(md, "## Counts by platform"))
                .isEqualTo(count(c -> c.platforms().stream().map(Platform::id).toList()));
        Matcher total = Pattern.compile("Total capabilities: (\\d+)").matcher(md);
        assertThat(total.find()).as("a 'Total capabilities: N' line").isTrue();
        assertThat(Integer.parseInt(total.group(1)))
                .isEqualTo(CATALOG.capabilities().size());
    }

    @Test
    void bundledCatalogIsTheRepositorysCatalog() throws IOException {
        assertThat(new CatalogLoader()
                        .load(ROOT.resolve("schema/capabilities.json"))
                        .capabilities())
                .isEqualTo(CATALOG.capabilities());
    }

    @Test
    void recordModelHasExactlyTheSchemasKeysInOrder() throws IOException {
        JsonNode schema = FenceJson.MAPPER.readTree(
                ROOT.resolve("schema/boundary_object.json").toFile());
        assertThat(snake(BoundaryObject.class)).containsExactlyElementsOf(names(schema.get("required")));
        Map<String, Class<?>> nested = Map.of(
                "stack",
                BoundaryObject.Stack.class,
                "probe",
                BoundaryObject.Probe.class,
                "run",
                BoundaryObject.Run.class,
                "operation",
                BoundaryObject.Operation.class,
                "result",
                BoundaryObject.Result.class,
                "payload",
                BoundaryObject.Payload.class,
                "capability_context",
                BoundaryObject.CapabilityContext.class);
        // a record whose every field is null, as its JSON form writes it
        JsonNode written = RecordJson.tree(new BoundaryObject(
                null,
                null,
                new BoundaryObject.Stack(null, null, null, null, null, null, null, null, null),
                new BoundaryObject.Probe(null, null, null, null),
                new BoundaryObject.Run(null, null, null),
                new BoundaryObject.Operation(null, null, null, null),
                new BoundaryObject.Result(null, null, null, null, null),
                new BoundaryObject.Payload(null, null, null),
                new BoundaryObject.CapabilityContext(null, null)));
        assertThat(written.propertyNames()).containsExactlyElementsOf(snake(BoundaryObject.class));
        nested.forEach((key, type) -> {
            JsonNode section = schema.at("/properties/" + key);
            assertThat(snake(type))
                    .as(key)
                    .containsExactlyElementsOf(section.get("properties").propertyNames());
            // a key the schema does not require is one the record's JSON leaves out rather than writing null for it
            List<String> optional = snake(type).stream()
                    .filter(k -> !names(section.get("required")).contains(k))
                    .toList();
            List<String> omitted =
                    snake(type).stream().filter(k -> !written.get(key).has(k)).toList();
            assertThat(omitted).as(key + ": components written only when set").isEqualTo(optional);
        });
        assertThat(names(schema.at("/properties/stack/required")))
                .as("an older record (without the optional keys) stays valid")
                .doesNotContain("codex_npm_version");
        assertThat(snake(BoundaryObject.CapabilitySnapshot.class))
                .containsExactlyElementsOf(names(schema.at("/$defs/capability_snapshot/required")));
    }

    @Test
    void boundaryObjectDocNamesEveryField() throws IOException {
        String md = Files.readString(ROOT.resolve("docs/boundary_object.md"));
        JsonNode schema = FenceJson.MAPPER.readTree(
                ROOT.resolve("schema/boundary_object.json").toFile());
        List<String> keys = new ArrayList<>(names(schema.get("required")));
        for (String section :
                List.of("stack", "probe", "run", "operation", "result", "payload", "capability_context")) {
            keys.addAll(schema.at("/properties/" + section + "/properties").propertyNames());
        }
        assertThat(keys)
                .as("keys of the schema")
                .contains("schema_version", "observed_result", "errno", "codex_npm_version");
        assertThat(keys)
                .allSatisfy(k -> assertThat(md)
                        .as("docs/boundary_object.md mentions `%s`", k)
                        .contains("`" + k + "`"));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> snake(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toList());
    }
}
