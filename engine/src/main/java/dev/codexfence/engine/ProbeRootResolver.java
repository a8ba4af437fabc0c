package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * A whole probe root: a folder ({@link DirectorySelector}), or the configured probe root for an IDE's "run all"
 * ({@link ClasspathRootSelector}, {@link PackageSelector}; off with {@link Constants#CLASSPATH_SCAN}). It becomes a
 * file selector per probe and the unique id of a coverage test per capability no probe of the root exercises here;
 * the resolvers of those build the nodes.
 */
final class ProbeRootResolver implements SelectorResolver {

    private final FenceDiscovery discovery;
    private final FenceUniqueIds ids;

    ProbeRootResolver(FenceDiscovery discovery, FenceUniqueIds ids) {
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

    private Resolution wholeDefaultRoot() {
        if (!discovery.config().classpathScan()) {
            return Resolution.unresolved();
        }
        return discovery
                .defaultRoot()
                .filter(ProbeRoot::looksLikeProbeRoot)
                .map(this::selectRoot)
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
}
