package dev.codexfence.engine.internal.catalog;

import java.util.List;
import java.util.Map;

/** The JSON shape of a capability catalog file (see schema/capability_catalog.schema.json). */
record CatalogDocument(String schemaVersion, Scope scope, Map<String, DocEntry> docs, List<Capability> capabilities) {

    record Scope(
            String description,
            String notes,
            List<PolicyLayer> policyLayers,
            Map<String, String> categories,
            List<String> limitations) {}

    record PolicyLayer(String id, String description) {}

    record DocEntry(String title, String url) {}
}
