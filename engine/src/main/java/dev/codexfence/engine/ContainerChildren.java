package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * The children of a container selected by itself (an IDE rerun of a release or a capability), from the default probe
 * root. The platform adds what these selectors resolve to that container, so they name its direct children: below a
 * release the capabilities of the root's probes; below a capability its probes, and its coverage gap.
 */
final class ContainerChildren {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;
    private final ReleasePlan plan;

    ContainerChildren(FenceDiscovery discovery, FenceUniqueIds ids, ReleasePlan plan) {
        this.discovery = discovery;
        this.ids = ids;
        this.plan = plan;
    }

    /**
     * @param release the release the container is (or is below), null for the plain tree's place
     * @param capability the capability container, or null for the release container itself
     */
    Set<DiscoverySelector> of(ReleaseSlot release, Capability capability) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        discovery
                .defaultRoot()
                .filter(ProbeRoot::looksLikeProbeRoot)
                .map(discovery::root)
                .ifPresent(root -> {
                    for (ProbeScript p : root.probes()) {
                        if (!p.healthy()) {
                            continue;
                        }
                        if (capability == null) {
                            selectors.add(selectUniqueId(ids.capability(release, p.primaryCapabilityId())));
                        } else if (capability.id().equals(p.primaryCapabilityId())) {
                            discovery.remember(p);
                            selectors.add(
                                    !plan.several()
                                            ? selectFile(p.file().toString())
                                            : selectUniqueId(ids.probe(release, p.primaryCapabilityId(), p.id())));
                        }
                    }
                    if (release == null
                            && capability != null
                            && selectors.isEmpty()
                            && discovery.uncovered(root).contains(capability)) {
                        selectors.add(selectUniqueId(ids.coverage(capability.id())));
                    }
                });
        if (plan.modes(release).isEmpty()) {
            selectors.removeIf(s -> s instanceof UniqueIdSelector u
                    && !u.getUniqueId().getLastSegment().getType().equals(FenceUniqueIds.COVERAGE));
        }
        return selectors;
    }
}
