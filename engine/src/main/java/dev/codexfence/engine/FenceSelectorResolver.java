package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.catalog.Capability;
import dev.codexfence.probe.ProbeRoot;
import dev.codexfence.probe.ProbeScript;
import dev.codexfence.release.CodexReleases;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
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
 * probe (in a run over several codex releases: its baseline node and its node below each release); unique ids are
 * parsed back segment by segment. Parents are always reached through unique-id selectors, so each node is built in
 * one place.
 */
final class FenceSelectorResolver implements SelectorResolver {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;
    private final ReleasePlan plan;
    private final Supplier<CodexReleases> releases;

    FenceSelectorResolver(FenceDiscovery discovery, FenceUniqueIds ids, ReleasePlan plan,
            Supplier<CodexReleases> releases) {
        this.discovery = discovery;
        this.ids = ids;
        this.plan = plan;
        this.releases = releases;
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
        Optional<ProbeScript> probe = discovery.probeAt(file);
        if (probe.isEmpty()) {
            return Resolution.unresolved();
        }
        if (!plan.several() || !probe.get().healthy()) {
            return resolveProbe(probe.get(), null, context);
        }
        // one node per place the probe runs: below the engine (baseline) and below each release (codex modes)
        discovery.remember(probe.get());
        Set<DiscoverySelector> places = new LinkedHashSet<>();
        if (!plan.topModes().isEmpty()) {
            places.add(selectUniqueId(ids.probe(probe.get().primaryCapabilityId(), probe.get().id())));
        }
        for (ReleaseSlot r : plan.releases()) {
            places.add(selectUniqueId(ids.probe(r, probe.get().primaryCapabilityId(), probe.get().id())));
        }
        return places.isEmpty() ? Resolution.unresolved() : Resolution.selectors(places);
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
                    .map(p -> resolveProbe(p, null, context))
                    .orElseGet(Resolution::unresolved);
        }
        ReleaseSlot release = null;
        if (first.getType().equals(FenceUniqueIds.RELEASE)) {
            Optional<ReleaseSlot> named = plan.release(first.getValue());
            if (named.isEmpty()) {
                return Resolution.unresolved(); // not a release this configuration runs
            }
            release = named.get();
            if (segments.size() == 1) {
                return resolveRelease(release, context);
            }
            segments = segments.subList(1, segments.size());
        }
        UniqueId.Segment head = segments.get(0);
        if (!head.getType().equals(FenceUniqueIds.CAPABILITY)) {
            return Resolution.unresolved();
        }
        Optional<Capability> capability = discovery.catalog().find(head.getValue());
        if (capability.isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 1) {
            return resolveCapability(capability.get(), release, context);
        }
        UniqueId.Segment second = segments.get(1);
        if (second.getType().equals(FenceUniqueIds.COVERAGE) && segments.size() == 2 && release == null) {
            return resolveCoverage(capability.get(), context);
        }
        if (!second.getType().equals(FenceUniqueIds.PROBE)) {
            return Resolution.unresolved();
        }
        Optional<ProbeScript> probe = discovery.probeById(second.getValue())
                .filter(ProbeScript::healthy)
                .filter(p -> p.primaryCapabilityId().equals(capability.get().id()));
        if (probe.isEmpty() || plan.modes(release).isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 2) {
            return resolveProbe(probe.get(), release, context);
        }
        UniqueId.Segment third = segments.get(2);
        if (segments.size() == 3 && third.getType().equals(FenceUniqueIds.MODE)
                && plan.modes(release).contains(third.getValue())) {
            return resolveMode(probe.get(), capability.get(), release, third.getValue(), context);
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

    /** A release container (selected itself, e.g. an IDE rerun of it): the probes of the default root below it. */
    private Resolution resolveRelease(ReleaseSlot release, Context context) {
        return context.addToParent(parent -> Optional.of(new ReleaseDescriptor(ids.release(release.label()), release,
                        plan.releaseModes(), releases)))
                .map(d -> Resolution.match(Match.exact(d, () -> probesOf(release, null))))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolveProbe(ProbeScript probe, ReleaseSlot release, Context context) {
        if (!probe.healthy()) {
            discovery.reportBroken(probe);
            return context.addToParent(parent -> Optional.of(new BrokenProbeDescriptor(
                            parent.getUniqueId().append(FenceUniqueIds.BROKEN, probe.file().getFileName().toString()), probe)))
                    .map(d -> Resolution.match(Match.exact(d)))
                    .orElseGet(Resolution::unresolved);
        }
        discovery.remember(probe);
        UniqueId capabilityId = ids.capability(release, probe.primaryCapabilityId());
        return context.addToParent(() -> selectUniqueId(capabilityId),
                        parent -> Optional.of(new ProbeDescriptor(parent.getUniqueId().append(FenceUniqueIds.PROBE, probe.id()), probe)))
                .map(d -> Resolution.match(Match.exact(d, () -> modeSelectors(d.getUniqueId(), release))))
                .orElseGet(Resolution::unresolved);
    }

    private Set<DiscoverySelector> modeSelectors(UniqueId probeId, ReleaseSlot release) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (String mode : plan.modes(release)) {
            selectors.add(selectUniqueId(probeId.append(FenceUniqueIds.MODE, mode)));
        }
        return selectors;
    }

    private Resolution resolveMode(ProbeScript probe, Capability capability, ReleaseSlot release, String mode,
            Context context) {
        UniqueId probeId = ids.probe(release, capability.id(), probe.id());
        return context.addToParent(() -> selectUniqueId(probeId),
                        parent -> Optional.of(new ProbeRunDescriptor(parent.getUniqueId().append(FenceUniqueIds.MODE, mode),
                                probe, mode, capability, release)))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolveCapability(Capability capability, ReleaseSlot release, Context context) {
        Function<TestDescriptor, Optional<CapabilityDescriptor>> creator = parent -> Optional.of(new CapabilityDescriptor(
                parent.getUniqueId().append(FenceUniqueIds.CAPABILITY, capability.id()), capability, discovery.catalog()));
        Optional<CapabilityDescriptor> added = release == null ? context.addToParent(creator)
                : context.addToParent(() -> selectUniqueId(ids.release(release.label())), creator);
        return added.map(d -> Resolution.match(Match.exact(d, () -> probesOf(release, capability))))
                .orElseGet(Resolution::unresolved);
    }

    /**
     * When a capability or a release itself is selected (IDE rerun of the container): its children from the default
     * root. Below a release ({@code capability} null) the capabilities of the root's probes; below a capability its
     * probes, and its coverage gap. (The platform adds what a selected container's child selectors resolve to that
     * container, so they name its direct children.)
     */
    private Set<DiscoverySelector> probesOf(ReleaseSlot release, Capability capability) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        discovery.defaultRoot().filter(ProbeRoot::looksLikeProbeRoot).map(discovery::root).ifPresent(root -> {
            for (ProbeScript p : root.probes()) {
                if (!p.healthy()) {
                    continue;
                }
                if (capability == null) {
                    selectors.add(selectUniqueId(ids.capability(release, p.primaryCapabilityId())));
                } else if (capability.id().equals(p.primaryCapabilityId())) {
                    discovery.remember(p);
                    selectors.add(!plan.several() ? selectFile(p.file().toString())
                            : selectUniqueId(ids.probe(release, p.primaryCapabilityId(), p.id())));
                }
            }
            if (release == null && capability != null && selectors.isEmpty() && discovery.uncovered(root).contains(capability)) {
                selectors.add(selectUniqueId(ids.coverage(capability.id())));
            }
        });
        if (plan.modes(release).isEmpty()) {
            selectors.removeIf(s -> s instanceof UniqueIdSelector u && !u.getUniqueId().getLastSegment().getType()
                    .equals(FenceUniqueIds.COVERAGE));
        }
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
