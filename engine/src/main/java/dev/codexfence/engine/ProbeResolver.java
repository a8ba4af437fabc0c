package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FileSelector;

/**
 * {@code [probe:ID]}: a healthy probe script, the container of its runs (one per mode), below its primary
 * capability. A probe file ({@link FileSelector}, an IDE's "run this file") becomes its node in each place it runs:
 * below the engine, and in a run over several codex releases also below each release (its codex modes there).
 */
final class ProbeResolver extends SegmentResolver {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;
    private final ReleasePlan plan;

    ProbeResolver(FenceDiscovery discovery, FenceUniqueIds ids, ReleasePlan plan) {
        super(FenceUniqueIds.PROBE);
        this.discovery = discovery;
        this.ids = ids;
        this.plan = plan;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        if (!ProbeRoot.isProbeFile(selector.getPath())) {
            return Resolution.unresolved();
        }
        Optional<ProbeScript> probe = discovery.probeAt(selector.getPath()).filter(ProbeScript::healthy);
        if (probe.isEmpty()) {
            return Resolution.unresolved(); // a broken probe is BrokenProbeResolver's
        }
        discovery.remember(probe.get());
        List<ReleaseSlot> places = new ArrayList<>();
        if (!plan.topModes().isEmpty()) {
            places.add(null);
        }
        places.addAll(plan.releases());
        Set<Match> matches = new LinkedHashSet<>();
        for (ReleaseSlot release : places) {
            UniqueId capability = ids.capability(release, probe.get().primaryCapabilityId());
            context.addToParent(() -> selectUniqueId(capability), parent -> node(parent, probe.get()))
                    .ifPresent(d -> matches.add(match(d)));
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    @Override
    Resolution resolveSegment(UniqueId id, String probeId, Context context) {
        Optional<ProbeScript> probe = discovery.probeById(probeId).filter(ProbeScript::healthy);
        if (probe.isEmpty()) {
            return Resolution.unresolved();
        }
        return addBelowParent(id, context, parent -> node(parent, probe.get()))
                .map(d -> Resolution.match(match(d)))
                .orElseGet(Resolution::unresolved);
    }

    /** The probe's node below {@code parent}, when that is its capability in a place that runs modes. */
    private Optional<ProbeDescriptor> node(TestDescriptor parent, ProbeScript probe) {
        if (!(parent instanceof CapabilityDescriptor capability)
                || !capability.capability().id().equals(probe.primaryCapabilityId())
                || plan.modes(ReleaseDescriptor.enclosing(parent)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeDescriptor(parent.getUniqueId().append(FenceUniqueIds.PROBE, probe.id()), probe));
    }

    private Match match(ProbeDescriptor probe) {
        return Match.exact(probe, () -> {
            Set<DiscoverySelector> modes = new LinkedHashSet<>();
            for (String mode : plan.modes(ReleaseDescriptor.enclosing(probe))) {
                modes.add(selectUniqueId(probe.getUniqueId().append(FenceUniqueIds.MODE, mode)));
            }
            return modes;
        });
    }
}
