package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A record-schema descriptor (the original codex-fence's successor lets a run name one with
 * {@code --boundary}) that a run was pointed at and that codex-fence accepted: it names {@code cfbo-v1},
 * the one record format codex-fence writes. The descriptor changes nothing about the records: they keep
 * codex-fence's cfbo-v1 layout and are checked against the bundled {@code schema/boundary_object.json},
 * never against the schema embedded in the descriptor. Read by {@link BoundaryDescriptorLoader}.
 *
 * @param key the descriptor's {@code key}, always {@link #ACCEPTED_KEY}
 * @param source where it was read from, for messages
 * @param path the file
 * @param line the line of {@code key}
 */
@API(status = INTERNAL, since = "0.1")
public record BoundaryDescriptor(String key, String source, Path path, int line) {

    /** The only record schema key codex-fence accepts. */
    public static final String ACCEPTED_KEY = "cfbo-v1";

    public Optional<Path> file() {
        return Optional.ofNullable(path);
    }

    /** What accepting it means for the run, as a discovery note. */
    public CatalogNote note() {
        return new CatalogNote(
                source + ": record-schema descriptor for " + key + " accepted; records keep"
                        + " codex-fence's cfbo-v1 layout (schema_version cfbo-v1, no boundary_event_v1 envelope) and are"
                        + " checked against the bundled schema/boundary_object.json, not against the embedded schema",
                line);
    }
}
