package dev.codexfence.engine.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run pointed at a record-schema descriptor: cfbo-v1 is accepted, anything else refused with a clear message. */
class BoundaryDescriptorLoaderTest {

    private final BoundaryDescriptorLoader loader = new BoundaryDescriptorLoader();

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("descriptor.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aCfboV1DescriptorIsAcceptedAndSaysTheRecordsStayOurs() {
        Path f = ForeignCorpus.cfboDescriptor();
        BoundaryDescriptor d = loader.load(f);
        assertThat(d.key()).isEqualTo("cfbo-v1");
        assertThat(d.file()).contains(f);
        assertThat(d.note().message())
                .isEqualTo(f + ": record-schema descriptor for cfbo-v1 accepted; records keep"
                        + " codex-fence's cfbo-v1 layout (schema_version cfbo-v1, no boundary_event_v1 envelope) and are checked"
                        + " against the bundled schema/boundary_object.json, not against the embedded schema");
        assertThat(d.note().line()).isEqualTo(2);
    }

    @Test
    void anotherRecordSchemaIsRefusedNamingFilePointerAndLine() {
        Path f = ForeignCorpus.otherDescriptor();
        assertThatThrownBy(() -> loader.load(f))
                .isInstanceOf(CatalogException.class)
                .hasMessage(f + ": /key (line 2): record schema \"acme-events-v3\" is not supported: codex-fence writes"
                        + " and checks cfbo-v1 records only (schema/boundary_object.json); use a descriptor whose key is"
                        + " cfbo-v1, or none");
    }

    @Test
    void anEmbeddedSchemaThatPinsAnotherSchemaKeyIsRefused() throws IOException {
        Path f = write("""
                {
                  "key": "cfbo-v1",
                  "boundary_schema": {
                    "properties": {
                      "schema_key": { "const": "cfbo-v2" }
                    }
                  }
                }
                """);
        assertThatThrownBy(() -> loader.load(f))
                .hasMessage(f + ": /boundary_schema/properties/schema_key/const (line 5):"
                        + " the embedded schema pins schema_key \"cfbo-v2\", but the descriptor's key is \"cfbo-v1\"");
        Path single = write("""
                {"key": "cfbo-v1", "boundary_schema": {"properties": {"schema_key": {"enum": ["x"]}}}}
                """);
        assertThatThrownBy(() -> loader.load(single))
                .hasMessageContaining("/boundary_schema/properties/schema_key/enum/0");
        Path open = write("""
                {"key": "cfbo-v1", "boundary_schema": {"properties": {"schema_key": {"type": "string"}}}}
                """);
        assertThat(loader.load(open).key()).isEqualTo("cfbo-v1");
    }

    @Test
    void aMalformedDescriptorIsRefusedByItsSchema() throws IOException {
        Path missing = write("{\"key\": \"cfbo-v1\", \"title\": \"no schema\"}");
        assertThatThrownBy(() -> loader.load(missing))
                .hasMessageContaining("/boundary_schema (line 1): violates boundary_descriptor.schema.json");
        Path extra = write("{\"key\": \"cfbo-v1\", \"boundary_schema\": {}, \"version\": 2}");
        assertThatThrownBy(() -> loader.load(extra)).hasMessageContaining("/version");
        Path broken = write("{\"key\": \"cfbo-v1\",\n \"boundary_schema\": {");
        assertThatThrownBy(() -> loader.load(broken))
                .hasMessageContaining("(line 2)")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aCatalogGivenAsDescriptorIsNamedForWhatItIs() {
        Path f = ForeignCorpus.originalCatalog();
        assertThatThrownBy(() -> loader.load(f))
                .hasMessage(f + ": (root): this is a capability catalog, not a"
                        + " record-schema descriptor: give it to --catalog or codex-fence.catalog");
    }

    @Test
    void aMissingFileOrAFolderIsAClearError() throws IOException {
        Path absent = dir.resolve("absent.json");
        assertThatThrownBy(() -> loader.load(absent))
                .hasMessage(absent + ": cannot read the record-schema descriptor: it does not exist");
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertThatThrownBy(() -> loader.load(folder))
                .hasMessage(
                        folder + ": cannot read the record-schema descriptor: it is a directory, not a regular file");
    }
}
