package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Several catalogs side by side, keyed by their {@code schema_version}: records written against an older
 * or foreign catalog can still be joined to the catalog they name.
 */
@API(status = INTERNAL, since = "0.1")
public final class CatalogRepository {

    private final Map<String, CapabilityCatalog> byVersion = new LinkedHashMap<>();

    /** Adds a catalog; a second catalog claiming the same version from another source is an error. */
    public CatalogRepository add(CapabilityCatalog catalog) {
        CapabilityCatalog existing = byVersion.putIfAbsent(catalog.schemaVersion(), catalog);
        if (existing != null && !existing.source().equals(catalog.source())) {
            throw new CatalogException(catalog.source() + ": schema_version \"" + catalog.schemaVersion()
                    + "\" is already provided by " + existing.source());
        }
        return this;
    }

    public Optional<CapabilityCatalog> find(String schemaVersion) {
        return Optional.ofNullable(byVersion.get(schemaVersion));
    }

    public Collection<CapabilityCatalog> all() {
        return Collections.unmodifiableCollection(byVersion.values());
    }
}
