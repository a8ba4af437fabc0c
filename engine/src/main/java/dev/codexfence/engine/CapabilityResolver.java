package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * {@code [capability:CAP]}: a capability of the catalog, the container of its probes (or of its coverage gap),
 * below the engine or below a codex release. Selected alone, it holds its probes of the default root.
 */
final class CapabilityResolver extends SegmentResolver {

    private final FenceDiscovery discovery;
    private final ContainerChildren children;

    CapabilityResolver(FenceDiscovery discovery, ContainerChildren children) {
        super(FenceUniqueIds.CAPABILITY);
        this.discovery = discovery;
        this.children = children;
    }

    @Override
    Resolution resolveSegment(UniqueId id, String capabilityId, Context context) {
        Optional<Capability> capability = discovery.catalog().find(capabilityId);
        if (capability.isEmpty()) {
            return Resolution.unresolved();
        }
        return addBelowParent(
                        id,
                        context,
                        parent -> parent instanceof FenceEngineDescriptor || parent instanceof ReleaseDescriptor
                                ? Optional.of(new CapabilityDescriptor(
                                        parent.getUniqueId().append(FenceUniqueIds.CAPABILITY, capabilityId),
                                        capability.get(),
                                        discovery.catalog()))
                                : Optional.empty())
                .map(d -> Resolution.match(
                        Match.exact(d, () -> children.of(ReleaseDescriptor.enclosing(d), capability.get()))))
                .orElseGet(Resolution::unresolved);
    }
}
