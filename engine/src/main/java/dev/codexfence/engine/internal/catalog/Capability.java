package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/** One thing codex might allow or deny, as the catalog describes it. */
@API(status = INTERNAL, since = "0.1")
public record Capability(
        String id,
        String category,
        String layer,
        List<Platform> platforms,
        String description,
        String notes,
        Operations operations,
        List<String> metaOps,
        List<String> agentControls,
        List<SourceRef> sources) {

    public Capability {
        platforms = List.copyOf(platforms);
        metaOps = metaOps == null ? List.of() : List.copyOf(metaOps);
        agentControls = agentControls == null ? List.of() : List.copyOf(agentControls);
        sources = List.copyOf(sources);
    }

    public boolean appliesTo(Platform platform) {
        return platforms.contains(platform);
    }

    /** The operations a sandbox profile allows or denies for this capability. */
    public record Operations(List<String> allow, List<String> deny) {}

    /** A pointer into the catalog's bibliography. */
    public record SourceRef(String doc, String section, String urlHint) {}
}
