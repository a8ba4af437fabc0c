package dev.codexfence.engine.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    private final CatalogLoader loader = new CatalogLoader();

    @TempDir
    Path dir;

    private static final String VALID = """
            {
              "schema_version": "test_catalog_v1",
              "scope": {
                "description": "d",
                "notes": "n",
                "policy_layers": [{"id": "os_sandbox", "description": "os"}],
                "categories": {"filesystem": "files"},
                "limitations": []
              },
              "docs": {"man": {"title": "a man page", "url": "https://man7.org/"}},
              "capabilities": [
                {
                  "id": "cap_one",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "platforms": ["linux"],
                  "description": "first",
                  "notes": "",
                  "operations": {"allow": [], "deny": []},
                  "meta_ops": [],
                  "agent_controls": [],
                  "sources": [{"doc": "man", "section": "1"}]
                },
                {
                  "id": "cap_two",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "platforms": ["linux", "macos"],
                  "description": "second",
                  "notes": "",
                  "operations": {"allow": [], "deny": []},
                  "meta_ops": [],
                  "agent_controls": [],
                  "sources": [{"doc": "man", "section": "2"}]
                }
              ]
            }
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("catalog.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void bundledCatalogLoadsWithLinesForEveryCapability() {
        CapabilityCatalog catalog = loader.loadBundled();
        assertThat(catalog.schemaVersion()).isEqualTo("codex_fence_catalog_v1");
        assertThat(catalog.capabilities()).hasSizeGreaterThanOrEqualTo(37);
        assertThat(catalog.capabilities())
                .allSatisfy(c -> assertThat(catalog.lineOf(c.id())).isPositive());
    }

    @Test
    void validCatalogLoadsAndKnowsLinesAndPlatforms() throws IOException {
        CapabilityCatalog c = loader.load(write(VALID));
        assertThat(c.schemaVersion()).isEqualTo("test_catalog_v1");
        assertThat(c.lineOf("cap_two")).isEqualTo(24);
        assertThat(c.applicableTo(Platform.MACOS)).extracting(Capability::id).containsExactly("cap_two");
        assertThat(c.path()).isPresent();
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = write(VALID.replace("\"notes\": \"n\",", "\"notes\": \"n\" oops"));
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining("(line 5)")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void schemaViolationNamesPointerAndLine() throws IOException {
        Path f = write(VALID.replace("\"platforms\": [\"linux\"]", "\"platforms\": [\"windows\"]"));
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("/capabilities/0/platforms/0 (line 16)")
                .hasMessageContaining("violates capability_catalog.schema.json");
    }

    @Test
    void duplicateIdNamesBothPlaces() throws IOException {
        Path f = write(VALID.replace("\"id\": \"cap_two\"", "\"id\": \"cap_one\""));
        assertThatThrownBy(() -> loader.load(f))
                .hasMessageContaining("/capabilities/1/id (line 25)")
                .hasMessageContaining("duplicate capability id cap_one (first at /capabilities/0/id, line 13)");
    }

    @Test
    void whitespaceInKeyIsRejected() throws IOException {
        Path f = write(VALID.replace("\"man\": {\"title\"", "\"man page\": {\"title\""));
        assertThatThrownBy(() -> loader.load(f))
                .hasMessageContaining("/docs/man page")
                .hasMessageContaining("(line 10)")
                .hasMessageContaining("contains whitespace");
    }

    @Test
    void sourceDocMustBeInBibliography() throws IOException {
        Path f = write(
                VALID.replace("{\"doc\": \"man\", \"section\": \"2\"}", "{\"doc\": \"nowhere\", \"section\": \"2\"}"));
        assertThatThrownBy(() -> loader.load(f))
                .hasMessageContaining("/capabilities/1/sources/0/doc (line 34)")
                .hasMessageContaining("source doc \"nowhere\" is not in the bibliography");
    }

    @Test
    void undeclaredCategoryAndLayerAreRejected() throws IOException {
        assertThatThrownBy(
                        () -> loader.load(
                                write(
                                        VALID.replace(
                                                "\"category\": \"filesystem\",\n      \"layer\": \"os_sandbox\",\n      \"platforms\": [\"linux\", \"macos\"]",
                                                "\"category\": \"network\",\n      \"layer\": \"os_sandbox\",\n      \"platforms\": [\"linux\", \"macos\"]"))))
                .hasMessageContaining("/capabilities/1/category")
                .hasMessageContaining("category \"network\" is not declared");
        assertThatThrownBy(() -> loader.load(write(VALID.replace(
                        "\"layer\": \"os_sandbox\",\n      \"platforms\": [\"linux\"]",
                        "\"layer\": \"kernel\",\n      \"platforms\": [\"linux\"]"))))
                .hasMessageContaining("/capabilities/0/layer")
                .hasMessageContaining("layer \"kernel\" is not declared");
    }

    @Test
    void missingFileIsAClearError() {
        Path f = dir.resolve("absent.json");
        assertThatThrownBy(() -> loader.load(f)).hasMessageStartingWith(f + ": cannot read the catalog");
    }

    @Test
    void repositoryKeysCatalogsBySchemaVersion() throws IOException {
        CatalogRepository repo =
                new CatalogRepository().add(loader.loadBundled()).add(loader.load(write(VALID)));
        assertThat(repo.find("test_catalog_v1")).isPresent();
        assertThat(repo.find("codex_fence_catalog_v1")).isPresent();
        Path other = dir.resolve("other.json");
        Files.writeString(other, VALID);
        assertThatThrownBy(() -> repo.add(loader.load(other))).hasMessageContaining("is already provided by");
    }
}
