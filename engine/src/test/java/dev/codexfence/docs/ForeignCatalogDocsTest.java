package dev.codexfence.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** docs/capabilities.md maps every field of the foreign catalog and descriptor schemas. */
class ForeignCatalogDocsTest {

    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "macos_codex_v1_catalog.schema.json",
                "sandbox_catalog_v1.schema.json",
                "boundary_descriptor.schema.json"
            })
    void everyFieldOfTheSchemaIsNamedInTheShapesSection(String schemaFile) throws IOException {
        String md = Files.readString(ROOT.resolve("docs/capabilities.md"));
        int start = md.indexOf("## Catalogs in other shapes");
        assertThat(start)
                .as("section 'Catalogs in other shapes' in docs/capabilities.md")
                .isNotNegative();
        int end = md.indexOf("\n## ", start + 1);
        String section = md.substring(start, end < 0 ? md.length() : end);
        assertThat(section).contains("schema/" + schemaFile);
        Set<String> fields = new LinkedHashSet<>();
        collect(FenceJson.MAPPER.readTree(ROOT.resolve("schema/" + schemaFile).toFile()), fields);
        // named in code: `name`, or as part of a dotted path such as `scope.policy_layers` or `operations.allow`
        assertThat(fields)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(section)
                        .as("mentions `%s`", f)
                        .containsPattern("`([^`\\s]*[.])?" + java.util.regex.Pattern.quote(f) + "([.\\[][^`\\s]*)?`"));
    }

    /** The names under every "properties" of a schema, at any depth. */
    private static void collect(JsonNode node, Set<String> fields) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("properties") && e.getValue().isObject()) {
                    fields.addAll(e.getValue().propertyNames());
                }
                collect(e.getValue(), fields);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, fields));
        }
    }
}
