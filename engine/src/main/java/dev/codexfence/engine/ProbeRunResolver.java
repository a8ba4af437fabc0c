package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;

/** {@code [mode:MODE]}: one probe in one mode (with one release below a release), the test whose result is a record. */
final class ProbeRunResolver extends SegmentResolver {

    private final FenceDiscovery discovery;
    private final ReleasePlan plan;

    ProbeRunResolver(FenceDiscovery discovery, ReleasePlan plan) {
        super(FenceUniqueIds.MODE);
        this.discovery = discovery;
        this.plan = plan;
    }

    @Override
    Resolution resolveSegment(UniqueId id, String mode, Context context) {
        if (!plan.topModes().contains(mode) && !plan.releaseModes().contains(mode)) {
            return Resolution.unresolved(); // not a mode of this run anywhere
        }
        return addBelowParent(id, context, parent -> node(parent, mode))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }

    /** The run's node below {@code parent}, when that is a probe in a place that runs {@code mode}. */
    private Optional<ProbeRunDescriptor> node(TestDescriptor parent, String mode) {
        ReleaseSlot release = ReleaseDescriptor.enclosing(parent);
        if (!(parent instanceof ProbeDescriptor probe) || !plan.modes(release).contains(mode)) {
            return Optional.empty();
        }
        Optional<Capability> capability = parent.getParent()
                .filter(CapabilityDescriptor.class::isInstance)
                .map(c -> ((CapabilityDescriptor) c).capability())
                .or(() -> discovery.catalog().find(probe.probe().primaryCapabilityId()));
        return capability.map(c -> new ProbeRunDescriptor(
                parent.getUniqueId().append(FenceUniqueIds.MODE, mode), probe.probe(), mode, c, release));
    }
}
