package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.catalog.Capability;
import dev.codexfence.probe.ProbeRoot;
import dev.codexfence.probe.ProbeScript;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves every selector kind the engine answers. A whole probe root (directory, classpath root, package)
 * becomes file selectors for its probes plus coverage nodes for uncovered capabilities; a file becomes its
 * probe; unique ids are parsed back segment by segment. Parents are always reached through unique-id
 * selectors, so each node is built in one place.
 */
final class FenceSelectorResolver implements SelectorResolver {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;

    FenceSelectorResolver(FenceDiscovery discovery, FenceUniqueIds ids) {
        this.discovery = discovery;
        this.ids = ids;
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Path dir = selector.getPath();
        return ProbeRoot.looksLikeProbeRoot(dir) ? selectRoot(dir) : Resolution.unresolved();
    }

    @Override
    public Resolution resolve(ClasspathRootSelector selector, Context context) {
        return wholeDefaultRoot();
    }

    @Override
    public Resolution resolve(PackageSelector selector, Context context) {
        return wholeDefaultRoot();
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath();
        if (!ProbeRoot.isProbeFile(file)) {
            return Resolution.unresolved();
        }
        return discovery.probeAt(file).map(p -> resolveProbe(p, context)).orElseGet(Resolution::unresolved);
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = ids.relative(selector.getUniqueId());
        if (segments == null) {
            return Resolution.unresolved();
        }
        UniqueId.Segment first = segments.get(0);
        if (first.getType().equals(FenceUniqueIds.BROKEN) && segments.size() == 1) {
            if (!ProbeRoot.isPlainFileName(first.getValue())) {
                return Resolution.unresolved(); // a file name in the probe root, never a path to scan elsewhere
            }
            return discovery.defaultRoot()
                    .flatMap(r -> discovery.probeAt(r.resolve(first.getValue())))
                    .filter(p -> !p.healthy())
                    .map(p -> resolveProbe(p, context))
                    .orElseGet(Resolution::unresolved);
        }
        if (!first.getType().equals(FenceUniqueIds.CAPABILITY)) {
            return Resolution.unresolved();
        }
        Optional<Capability> capability = discovery.catalog().find(first.getValue());
        if (capability.isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 1) {
            return resolveCapability(capability.get(), context);
        }
        UniqueId.Segment second = segments.get(1);
        if (second.getType().equals(FenceUniqueIds.COVERAGE) && segments.size() == 2) {
            return resolveCoverage(capability.get(), context);
        }
        if (!second.getType().equals(FenceUniqueIds.PROBE)) {
            return Resolution.unresolved();
        }
        Optional<ProbeScript> probe = discovery.probeById(second.getValue())
                .filter(ProbeScript::healthy)
                .filter(p -> p.primaryCapabilityId().equals(capability.get().id()));
        if (probe.isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 2) {
            return resolveProbe(probe.get(), context);
        }
        UniqueId.Segment third = segments.get(2);
        if (segments.size() == 3 && third.getType().equals(FenceUniqueIds.MODE)
                && discovery.config().modes().contains(third.getValue())) {
            return resolveMode(probe.get(), capability.get(), third.getValue(), context);
        }
        return Resolution.unresolved();
    }

    private Resolution wholeDefaultRoot() {
        if (!discovery.config().classpathScan()) {
            return Resolution.unresolved();
        }
        return discovery.defaultRoot().filter(ProbeRoot::looksLikeProbeRoot).map(this::selectRoot)
                .orElseGet(Resolution::unresolved);
    }

    private Resolution selectRoot(Path dir) {
        ProbeRoot root = discovery.root(dir);
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (ProbeScript p : root.probes()) {
            // by path string: selectFile(File) would canonicalise a symlink into the file it points to
            selectors.add(selectFile(p.file().toString()));
        }
        for (Capability c : discovery.uncovered(root)) {
            selectors.add(selectUniqueId(ids.coverage(c.id())));
        }
        return selectors.isEmpty() ? Resolution.unresolved() : Resolution.selectors(selectors);
    }

    private Resolution resolveProbe(ProbeScript probe, Context context) {
        if (!probe.healthy()) {
            discovery.reportBroken(probe);
            return context.addToParent(parent -> Optional.of(new BrokenProbeDescriptor(
                            parent.getUniqueId().append(FenceUniqueIds.BROKEN, probe.file().getFileName().toString()), probe)))
                    .map(d -> Resolution.match(Match.exact(d)))
                    .orElseGet(Resolution::unresolved);
        }
        discovery.remember(probe);
        UniqueId capabilityId = ids.capability(probe.primaryCapabilityId());
        return context.addToParent(() -> selectUniqueId(capabilityId),
                        parent -> Optional.of(new ProbeDescriptor(parent.getUniqueId().append(FenceUniqueIds.PROBE, probe.id()), probe)))
                .map(d -> Resolution.match(Match.exact(d, () -> modeSelectors(d.getUniqueId()))))
                .orElseGet(Resolution::unresolved);
    }

    private Set<DiscoverySelector> modeSelectors(UniqueId probeId) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (String mode : discovery.config().modes()) {
            selectors.add(selectUniqueId(probeId.append(FenceUniqueIds.MODE, mode)));
        }
        return selectors;
    }

    private Resolution resolveMode(ProbeScript probe, Capability capability, String mode, Context context) {
        UniqueId probeId = ids.probe(capability.id(), probe.id());
        return context.addToParent(() -> selectUniqueId(probeId),
                        parent -> Optional.of(new ProbeRunDescriptor(parent.getUniqueId().append(FenceUniqueIds.MODE, mode),
                                probe, mode, capability)))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolveCapability(Capability capability, Context context) {
        return context.addToParent(parent -> Optional.of(new CapabilityDescriptor(
                        parent.getUniqueId().append(FenceUniqueIds.CAPABILITY, capability.id()), capability, discovery.catalog())))
                .map(d -> Resolution.match(Match.exact(d, () -> probesOf(capability))))
                .orElseGet(Resolution::unresolved);
    }

    /** When a capability itself is selected (IDE rerun of the container): its probes in the default root. */
    private Set<DiscoverySelector> probesOf(Capability capability) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        discovery.defaultRoot().filter(ProbeRoot::looksLikeProbeRoot).map(discovery::root).ifPresent(root -> {
            for (ProbeScript p : root.probes()) {
                if (p.healthy() && capability.id().equals(p.primaryCapabilityId())) {
                    selectors.add(selectFile(p.file().toString()));
                }
            }
            if (selectors.isEmpty() && discovery.uncovered(root).contains(capability)) {
                selectors.add(selectUniqueId(ids.coverage(capability.id())));
            }
        });
        return selectors;
    }

    private Resolution resolveCoverage(Capability capability, Context context) {
        if (!capability.appliesTo(discovery.platform())) {
            return Resolution.unresolved();
        }
        var source = CapabilityDescriptor.sourceOf(capability, discovery.catalog());
        return context.addToParent(() -> selectUniqueId(ids.capability(capability.id())),
                        parent -> Optional.of(new CoverageDescriptor(parent.getUniqueId().append(FenceUniqueIds.COVERAGE,
                                FenceUniqueIds.COVERAGE_VALUE), capability, discovery.platform(),
                                discovery.config().failMissingCoverage(), source)))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }
}
