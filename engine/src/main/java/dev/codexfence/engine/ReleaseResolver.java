package dev.codexfence.engine;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.release.CodexReleases;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.platform.engine.UniqueId;

/**
 * {@code [codex:VERSION]}: a codex release's container in a run over several, directly below the engine. Selected
 * alone (an IDE rerun of the container), it holds the probes of the default root, grouped by capability.
 */
final class ReleaseResolver extends SegmentResolver {

    private final ReleasePlan plan;
    private final ContainerChildren children;
    private final Supplier<CodexReleases> releases;

    ReleaseResolver(ReleasePlan plan, ContainerChildren children, Supplier<CodexReleases> releases) {
        super(FenceUniqueIds.RELEASE);
        this.plan = plan;
        this.children = children;
        this.releases = releases;
    }

    @Override
    Resolution resolveSegment(UniqueId id, String label, Context context) {
        Optional<ReleaseSlot> release = plan.release(label);
        if (release.isEmpty()) {
            return Resolution.unresolved(); // not a release this configuration runs
        }
        return addBelowParent(
                        id,
                        context,
                        parent -> parent instanceof FenceEngineDescriptor
                                ? Optional.of(new ReleaseDescriptor(
                                        parent.getUniqueId().append(FenceUniqueIds.RELEASE, label),
                                        release.get(),
                                        plan.releaseModes(),
                                        releases))
                                : Optional.empty())
                .map(d -> Resolution.match(Match.exact(d, () -> children.of(release.get(), null))))
                .orElseGet(Resolution::unresolved);
    }
}
