package dev.codexfence.engine;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.FileSelector;

/**
 * {@code [broken-probe:FILE.sh]}: a probe file that breaks the static contract, a failing test of its own directly
 * below the engine (so the rest of the run goes on), reported once as a discovery warning. Its unique id names a
 * file of the default probe root, never a path elsewhere.
 */
final class BrokenProbeResolver extends SegmentResolver {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;

    BrokenProbeResolver(FenceDiscovery discovery, FenceUniqueIds ids) {
        super(FenceUniqueIds.BROKEN);
        this.discovery = discovery;
        this.ids = ids;
    }

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        if (!ProbeRoot.isProbeFile(selector.getPath())) {
            return Resolution.unresolved();
        }
        return discovery
                .probeAt(selector.getPath())
                .filter(p -> !p.healthy())
                .map(p -> resolve(ids.engine().append(FenceUniqueIds.BROKEN, fileName(p)), p, context))
                .orElseGet(Resolution::unresolved);
    }

    @Override
    Resolution resolveSegment(UniqueId id, String fileName, Context context) {
        if (!ProbeRoot.isPlainFileName(fileName)) {
            return Resolution.unresolved(); // a file name in the probe root, never a path to scan elsewhere
        }
        return discovery
                .defaultRoot()
                .flatMap(root -> discovery.probeAt(root.resolve(fileName)))
                .filter(p -> !p.healthy())
                .map(p -> resolve(id, p, context))
                .orElseGet(Resolution::unresolved);
    }

    private Resolution resolve(UniqueId id, ProbeScript probe, Context context) {
        discovery.reportBroken(probe);
        return addBelowParent(id, context, parent -> node(parent, probe))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }

    private static Optional<BrokenProbeDescriptor> node(TestDescriptor parent, ProbeScript probe) {
        return parent instanceof FenceEngineDescriptor
                ? Optional.of(new BrokenProbeDescriptor(
                        parent.getUniqueId().append(FenceUniqueIds.BROKEN, fileName(probe)), probe))
                : Optional.empty();
    }

    private static String fileName(ProbeScript probe) {
        return probe.file().getFileName().toString();
    }
}
