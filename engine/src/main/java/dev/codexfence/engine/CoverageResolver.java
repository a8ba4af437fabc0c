package dev.codexfence.engine;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import java.util.Optional;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;

/**
 * {@code [coverage:missing]}: the gap of a capability that no probe exercises on this platform, a test below the
 * capability in the plain tree (never below a release: coverage does not depend on codex).
 */
final class CoverageResolver extends SegmentResolver {

    private final FenceDiscovery discovery;

    CoverageResolver(FenceDiscovery discovery) {
        super(FenceUniqueIds.COVERAGE);
        this.discovery = discovery;
    }

    @Override
    Resolution resolveSegment(UniqueId id, String value, Context context) {
        if (!value.equals(FenceUniqueIds.COVERAGE_VALUE)) {
            return Resolution.unresolved();
        }
        return addBelowParent(id, context, this::node)
                .map(d -> Resolution.match(Match.exact(d)))
                .orElseGet(Resolution::unresolved);
    }

    private Optional<CoverageDescriptor> node(TestDescriptor parent) {
        if (!(parent instanceof CapabilityDescriptor capability)
                || ReleaseDescriptor.enclosing(parent) != null
                || !capability.capability().appliesTo(discovery.platform())) {
            return Optional.empty();
        }
        return Optional.of(new CoverageDescriptor(
                parent.getUniqueId().append(FenceUniqueIds.COVERAGE, FenceUniqueIds.COVERAGE_VALUE),
                capability.capability(),
                discovery.platform(),
                discovery.config().failMissingCoverage(),
                CapabilityDescriptor.sourceOf(capability.capability(), discovery.catalog())));
    }
}
