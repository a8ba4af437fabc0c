package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** A loaded, validated capability catalog: capabilities by id, in file order, with their source lines. */
@API(status = INTERNAL, since = "0.1")
public final class CapabilityCatalog {

    private final CatalogDocument document;
    private final String source;
    private final Path path;
    private final Map<String, Capability> byId = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final CatalogFormat format;
    private final List<CatalogNote> notes;

    CapabilityCatalog(
            CatalogDocument document,
            String source,
            Path path,
            Map<String, Integer> lines,
            CatalogFormat format,
            List<CatalogNote> notes) {
        this.document = document;
        this.source = source;
        this.path = path;
        this.format = format;
        this.notes = List.copyOf(notes);
        for (Capability c : document.capabilities()) {
            byId.put(c.id(), c);
        }
        this.lines.putAll(lines);
    }

    /**
     * The catalog's identity, echoed into records as {@code capabilities_schema_version}: its
     * {@code schema_version}, or {@code catalog.key} for a {@link CatalogFormat#SANDBOX_CATALOG_V1} file.
     */
    public String schemaVersion() {
        return document.schemaVersion();
    }

    /** The shape the file was written in. */
    public CatalogFormat format() {
        return format;
    }

    /** What the loader decided while mapping a foreign shape (empty for codex-fence's own format). */
    public List<CatalogNote> notes() {
        return notes;
    }

    /** Where it was read from: a file path or a bundled resource name. */
    public String source() {
        return source;
    }

    /** The catalog file, when it was read from the file system (for IDE navigation). */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    public List<Capability> capabilities() {
        return document.capabilities();
    }

    public Optional<Capability> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Capabilities that apply to {@code platform}, in file order. */
    public List<Capability> applicableTo(Platform platform) {
        return document.capabilities().stream()
                .filter(c -> c.appliesTo(platform))
                .toList();
    }

    /** The 1-based line where the capability's entry starts, or 0 when unknown. */
    public int lineOf(String capabilityId) {
        return lines.getOrDefault(capabilityId, 0);
    }

    public Map<String, String> categories() {
        return document.scope().categories();
    }

    public List<String> layers() {
        return document.scope().policyLayers().stream()
                .map(CatalogDocument.PolicyLayer::id)
                .toList();
    }

    public List<String> docKeys() {
        return List.copyOf(document.docs().keySet());
    }
}
