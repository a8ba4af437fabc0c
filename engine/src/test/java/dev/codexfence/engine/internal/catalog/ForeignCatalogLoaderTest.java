package dev.codexfence.engine.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader reads the original codex-fence's catalog shape and its successor's wrapped shape (issue 17). */
class ForeignCatalogLoaderTest {

    private final CatalogLoader loader = new CatalogLoader();

    @TempDir
    Path dir;

    /** The original shape, as its reader accepted it: optional texts null, extra fields, no platforms. */
    private static final String ORIGINAL = """
            {
              "schema_version": "macOS_codex_v1",
              "scope": {
                "description": "d",
                "notes": null,
                "policy_layers": [{"id": "os_sandbox", "description": "os"}],
                "categories": {"filesystem": "files"},
                "limitations": "one text\\n"
              },
              "docs": {"man": {"title": "a man page", "url": "https://man7.org/"}},
              "capabilities": [
                {
                  "id": "cap_one",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "description": "first",
                  "operations": {"allow": ["open"]},
                  "level": "high",
                  "sources": [{"doc": "man", "section": null}]
                },
                {
                  "id": "cap_two",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "description": "second",
                  "operations": {},
                  "meta_ops": ["errno: EPERM"],
                  "notes": "n",
                  "status": "core",
                  "sources": [{"doc": "man", "section": "2", "url_hint": "ERRORS"}]
                }
              ]
            }
            """;

    /** The wrapped shape: identity in catalog.key, labels on the catalog and the capabilities. */
    private static final String WRAPPED = """
            {
              "schema_version": "sandbox_catalog_v1",
              "catalog": {"key": "team.catalog-v2", "title": "t", "labels": ["codex", "macos"]},
              "scope": {
                "description": "d",
                "policy_layers": [{"id": "os_sandbox", "description": "os"}],
                "categories": {"filesystem": "files"},
                "limitations": "one text"
              },
              "docs": {"man": {"title": "a man page", "url_hint": "section 2"}},
              "capabilities": [
                {
                  "id": "cap_labelled",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "description": "names its platforms",
                  "status": "experimental",
                  "labels": ["Linux", "fs"],
                  "operations": {"allow": [], "deny": ["write"]},
                  "sources": [{"doc": "man"}]
                },
                {
                  "id": "cap_unlabelled",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "description": "takes the catalog's",
                  "labels": ["fs"],
                  "operations": {}
                },
                {
                  "id": "cap_windows",
                  "category": "filesystem",
                  "layer": "os_sandbox",
                  "description": "windows only",
                  "labels": ["windows"],
                  "operations": {}
                }
              ]
            }
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("catalog.json");
        Files.writeString(f, text);
        return f;
    }

    private static List<String> notes(CapabilityCatalog c) {
        return c.notes().stream().map(CatalogNote::message).toList();
    }

    @Test
    void originalShapeLoadsWithItsSchemaVersionAsIdentityOnEveryPlatform() throws IOException {
        Path f = write(ORIGINAL);
        CapabilityCatalog c = loader.load(f);
        assertThat(c.format()).isEqualTo(CatalogFormat.MACOS_CODEX_V1);
        assertThat(c.schemaVersion()).isEqualTo("macOS_codex_v1");
        assertThat(c.capabilities()).extracting(Capability::id).containsExactly("cap_one", "cap_two");
        assertThat(c.capabilities())
                .allSatisfy(cap -> assertThat(cap.platforms()).containsExactly(Platform.LINUX, Platform.MACOS));
        Capability one = c.find("cap_one").orElseThrow();
        assertThat(one.notes()).isEmpty();
        assertThat(one.operations()).isEqualTo(new Capability.Operations(List.of("open"), List.of()));
        assertThat(one.sources()).containsExactly(new Capability.SourceRef("man", null, null));
        assertThat(c.find("cap_two").orElseThrow().metaOps()).containsExactly("errno: EPERM");
        assertThat(c.lineOf("cap_two")).isEqualTo(21);
        assertThat(notes(c))
                .containsExactly(
                        f + ": read as a macOS_codex_v1 catalog (the original codex-fence's format); records carry"
                                + " capabilities_schema_version \"macOS_codex_v1\"",
                        f
                                + ": no platforms field and no platform among the capability's labels; every platform (linux, macos)"
                                + " for 2 capabilities: cap_one, cap_two",
                        f
                                + ": ignored 2 fields that a macOS_codex_v1 catalog (the original codex-fence's format) does not"
                                + " define: /capabilities/*/level, /capabilities/*/status");
        assertThat(c.notes()).extracting(CatalogNote::line).containsExactly(2, 12, 18);
    }

    @Test
    void originalLimitationsAreOneTextOrAListAndAbsentNotesAreEmpty() throws IOException {
        CapabilityCatalog c = loader.load(write(ORIGINAL));
        assertThat(c.find("cap_one")).isPresent();
        assertThat(c.categories()).containsExactly(java.util.Map.entry("filesystem", "files"));
        CapabilityCatalog listed = loader.load(
                write(ORIGINAL.replace("\"limitations\": \"one text\\n\"", "\"limitations\": [\"a\", \"b\"]")));
        assertThat(listed.capabilities()).hasSize(2);
        assertThatThrownBy(() ->
                        loader.load(write(ORIGINAL.replace("\"limitations\": \"one text\\n\"", "\"limitations\": 3"))))
                .hasMessageContaining("/scope/limitations (line 8)")
                .hasMessageContaining("violates macos_codex_v1_catalog.schema.json");
    }

    @Test
    void aHandAnnotatedOriginalKeepsItsPlatformsAndLabels() throws IOException {
        Path f = write(ORIGINAL.replace("\"level\": \"high\",", "\"platforms\": [\"linux\"],")
                .replace("\"status\": \"core\",", "\"labels\": [\"MacOS\", \"seatbelt\"],"));
        CapabilityCatalog c = loader.load(f);
        assertThat(c.find("cap_one").orElseThrow().platforms()).containsExactly(Platform.LINUX);
        assertThat(c.find("cap_two").orElseThrow().platforms()).containsExactly(Platform.MACOS);
        assertThat(notes(c))
                .containsExactly(
                        f + ": read as a macOS_codex_v1 catalog (the original codex-fence's format); records carry"
                                + " capabilities_schema_version \"macOS_codex_v1\"",
                        f + ": platforms come from the capability's platforms field for 1 capability: cap_one (linux)",
                        f
                                + ": no platforms field; the platforms come from the capability's own labels for 1 capability:"
                                + " cap_two (macos)");
        assertThatThrownBy(
                        () -> loader.load(write(ORIGINAL.replace("\"level\": \"high\",", "\"platforms\": [\"bsd\"],"))))
                .hasMessageContaining("/capabilities/0/platforms/0 (line 18)");
    }

    @Test
    void originalCategoriesLayersAndDocsItNeverDeclaredAreDeclaredByUse() throws IOException {
        Path f = write(ORIGINAL.replace("\"policy_layers\": [{\"id\": \"os_sandbox\", \"description\": \"os\"}],", "")
                .replace(
                        "\"category\": \"filesystem\",\n      \"layer\": \"os_sandbox\",\n      \"description\": \"second\"",
                        "\"category\": \"network\",\n      \"layer\": \"os_sandbox\",\n      \"description\": \"second\"")
                .replace("{\"doc\": \"man\", \"section\": \"2\"", "{\"doc\": \"rfc\", \"section\": \"2\""));
        CapabilityCatalog c = loader.load(f);
        assertThat(c.layers()).containsExactly("os_sandbox");
        assertThat(c.categories()).containsOnlyKeys("filesystem", "network");
        assertThat(c.docKeys()).containsExactly("man", "rfc");
        assertThat(notes(c))
                .contains(
                        f
                                + ": category \"network\" is not in /scope/categories but cap_two uses it: declared by that use",
                        f
                                + ": layer \"os_sandbox\" is not in /scope/policy_layers but cap_one, cap_two use it: declared by that use",
                        f
                                + ": source doc \"rfc\" is not in /docs but cap_two uses it: kept, with an empty bibliography entry");
    }

    @Test
    void originalProblemsNameFilePointerAndLine() throws IOException {
        Path f = write(ORIGINAL.replace("\"operations\": {},", ""));
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(
                        f + ": /capabilities/1/operations (line 21): violates macos_codex_v1_catalog.schema.json:")
                .hasMessageContaining("required property 'operations' not found");
        assertThatThrownBy(() -> loader.load(write(ORIGINAL.replace("\"id\": \"cap_two\"", "\"id\": \"fs.two\""))))
                .hasMessageContaining("/capabilities/1/id (line 22)")
                .hasMessageContaining(
                        "capability id \"fs.two\" cannot be used: cfbo-v1 records name capabilities by ids"
                                + " matching ^cap_[a-z0-9_]+$");
        assertThatThrownBy(() -> loader.load(write(ORIGINAL.replace("\"id\": \"cap_two\"", "\"id\": \"cap_one\""))))
                .hasMessageContaining("/capabilities/1/id (line 22)")
                .hasMessageContaining("duplicate capability id cap_one (first at /capabilities/0/id, line 13)");
        assertThatThrownBy(() -> loader.load(write(ORIGINAL.replace(
                        "\"layer\": \"os_sandbox\",\n      \"description\": \"first\"",
                        "\"layer\": \"os sandbox\",\n      \"description\": \"first\""))))
                .hasMessageContaining("/capabilities/0/layer (line 15)")
                .hasMessageContaining("layer \"os sandbox\" must be a non-empty name without whitespace");
    }

    @Test
    void wrappedShapeTakesItsIdentityFromCatalogKeyAndPlatformsFromLabels() throws IOException {
        Path f = write(WRAPPED);
        CapabilityCatalog c = loader.load(f);
        assertThat(c.format()).isEqualTo(CatalogFormat.SANDBOX_CATALOG_V1);
        assertThat(c.schemaVersion()).isEqualTo("team.catalog-v2");
        assertThat(c.find("cap_labelled").orElseThrow().platforms()).containsExactly(Platform.LINUX);
        assertThat(c.find("cap_unlabelled").orElseThrow().platforms()).containsExactly(Platform.MACOS);
        assertThat(c.find("cap_windows").orElseThrow().platforms()).isEmpty();
        assertThat(c.applicableTo(Platform.LINUX)).extracting(Capability::id).containsExactly("cap_labelled");
        assertThat(c.applicableTo(Platform.MACOS)).extracting(Capability::id).containsExactly("cap_unlabelled");
        assertThat(c.find("cap_labelled").orElseThrow().sources())
                .containsExactly(new Capability.SourceRef("man", null, null));
        assertThat(notes(c))
                .containsExactly(
                        f
                                + ": read as a sandbox_catalog_v1 catalog (the wrapped format of the original's successor); records"
                                + " carry capabilities_schema_version \"team.catalog-v2\"",
                        f
                                + ": no platforms field; the platforms come from the capability's own labels for 2 capabilities:"
                                + " cap_labelled (linux), cap_windows (windows)",
                        f
                                + ": no platforms field and no platform among the capability's labels; the catalog's labels name"
                                + " macos for 1 capability: cap_unlabelled",
                        f
                                + ": 1 capability names only windows, where codex-fence does not run; it applies to no platform here"
                                + " and gets no coverage test: cap_windows");
        assertThat(c.notes()).extracting(CatalogNote::line).containsExactly(3, 12, 22, 30);
    }

    @Test
    void withoutAnyPlatformLabelAWrappedCapabilityAppliesEverywhere() throws IOException {
        Path f = write(WRAPPED.replace("\"labels\": [\"codex\", \"macos\"]", "\"labels\": [\"codex\"]"));
        CapabilityCatalog c = loader.load(f);
        assertThat(c.find("cap_unlabelled").orElseThrow().platforms()).containsExactly(Platform.LINUX, Platform.MACOS);
        assertThat(notes(c))
                .contains(f + ": no platforms field and no platform among the capability's or the"
                        + " catalog's labels; every platform (linux, macos) for 1 capability: cap_unlabelled");
    }

    @Test
    void wrappedShapeIsClosedAndCheckedLikeOurs() throws IOException {
        assertThatThrownBy(() ->
                        loader.load(write(WRAPPED.replace("\"status\": \"experimental\",", "\"level\": \"high\","))))
                .hasMessageContaining("/capabilities/0/level (line 17)")
                .hasMessageContaining("violates sandbox_catalog_v1.schema.json");
        assertThatThrownBy(() -> loader.load(write(WRAPPED.replace(
                        "\"layer\": \"os_sandbox\",\n      \"description\": \"takes",
                        "\"layer\": \"kernel\",\n      \"description\": \"takes"))))
                .hasMessageContaining("/capabilities/1/layer (line 25)")
                .hasMessageContaining("layer \"kernel\" is not declared");
        assertThatThrownBy(() -> loader.load(write(WRAPPED.replace("[{\"doc\": \"man\"}]", "[{\"doc\": \"rfc\"}]"))))
                .hasMessageContaining("/capabilities/0/sources/0/doc")
                .hasMessageContaining("source doc \"rfc\" is not in the bibliography");
        assertThatThrownBy(() -> loader.load(
                        write(WRAPPED.replace("\"key\": \"team.catalog-v2\"", "\"key\": \"team catalog\""))))
                .hasMessageContaining("/catalog/key (line 3)");
        assertThatThrownBy(() -> loader.load(write(WRAPPED.replace("\"catalog\": {", "\"catalog_\": {"))))
                .hasMessageContaining("violates sandbox_catalog_v1.schema.json");
    }

    @Test
    void aRecordSchemaDescriptorGivenAsCatalogIsNamedForWhatItIs() throws IOException {
        Path f = write("""
                {"key": "cfbo-v1", "title": "t", "boundary_schema": {"type": "object"}}
                """);
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(CatalogException.class)
                .hasMessage(
                        f + ": (root): this is a record-schema descriptor (key \"cfbo-v1\"), not a capability catalog:"
                                + " give it to --boundary or codex-fence.boundary");
    }

    @Test
    void anOriginalCatalogWithAnotherSchemaVersionGetsAHint() throws IOException {
        Path f = write(ORIGINAL.replace("\"schema_version\": \"macOS_codex_v1\"", "\"schema_version\": 3"));
        assertThatThrownBy(() -> loader.load(f))
                .hasMessageContaining("violates capability_catalog.schema.json")
                .hasMessageEndingWith(
                        "; a catalog in the original codex-fence's format keeps schema_version \"macOS_codex_v1\","
                                + " one in its successor's wrapped format \"sandbox_catalog_v1\" (docs/capabilities.md, Catalog shapes)");
    }

    @Test
    void ourOwnFormatHasNoNotes() {
        CapabilityCatalog bundled = loader.loadBundled();
        assertThat(bundled.format()).isEqualTo(CatalogFormat.CODEX_FENCE);
        assertThat(bundled.notes()).isEmpty();
    }

    @Test
    void theFixtureCatalogsLoadWithTheirIdentities() {
        CapabilityCatalog original = loader.load(ForeignCorpus.originalCatalog());
        CapabilityCatalog wrapped = loader.load(ForeignCorpus.wrappedCatalog());
        assertThat(original.schemaVersion()).isEqualTo(ForeignCorpus.ORIGINAL_IDENTITY);
        assertThat(wrapped.schemaVersion()).isEqualTo(ForeignCorpus.WRAPPED_IDENTITY);
        assertThat(original.applicableTo(Platform.LINUX)).hasSize(5);
        assertThat(wrapped.applicableTo(Platform.LINUX))
                .extracting(Capability::id)
                .containsExactly(
                        "cap_fs_read_workspace_tree",
                        "cap_fs_write_workspace_tree",
                        "cap_fs_follow_symlinks_out_of_workspace",
                        "cap_proc_exec_toolchain_outside_workspace",
                        "cap_net_localhost_only");
        assertThat(wrapped.applicableTo(Platform.MACOS))
                .extracting(Capability::id)
                .contains("cap_mach_lookup_system_logger");
        // both name the same capabilities of the corpus, so records join either one
        CatalogRepository repository = new CatalogRepository().add(original).add(wrapped);
        assertThat(repository.find(ForeignCorpus.WRAPPED_IDENTITY)).containsSame(wrapped);
    }

    @Test
    void detectionGoesBySchemaVersionOnly() {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(CatalogFormat.of(mapper.readTree("{\"schema_version\": \"macOS_codex_v1\"}")))
                .isEqualTo(CatalogFormat.MACOS_CODEX_V1);
        assertThat(CatalogFormat.of(mapper.readTree("{\"schema_version\": \"sandbox_catalog_v1\"}")))
                .isEqualTo(CatalogFormat.SANDBOX_CATALOG_V1);
        assertThat(CatalogFormat.of(mapper.readTree("{\"schema_version\": \"macos_codex_v1\"}")))
                .isEqualTo(CatalogFormat.CODEX_FENCE);
        assertThat(CatalogFormat.of(mapper.readTree("{\"schema_version\": 3}"))).isEqualTo(CatalogFormat.CODEX_FENCE);
    }
}
