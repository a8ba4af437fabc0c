package dev.codexfence.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves the unique ids whose last segment is of one type, as Jupiter's resolvers do: the node's parent is whatever
 * the id without its last segment resolves to (so a rerun of any node rebuilds its ancestors the same way), and the
 * resolver checks that the parent is of the kind its node belongs below. The platform passes only ids of this engine
 * (nested in a suite or not), and the engine's own id resolves to the engine node; an id that no resolver takes is an
 * ERROR discovery issue.
 */
abstract class SegmentResolver implements SelectorResolver {

    private final String type;

    SegmentResolver(String type) {
        this.type = type;
    }

    @Override
    public final Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        UniqueId.Segment last = id.getLastSegment();
        return last.getType().equals(type) ? resolveSegment(id, last.getValue(), context) : Resolution.unresolved();
    }

    /** Resolves {@code id}, whose last segment is of this resolver's type and has {@code value}. */
    abstract Resolution resolveSegment(UniqueId id, String value, Context context);

    /**
     * Adds the node {@code creator} makes below the node of {@code id}'s parent id, when the creator accepts that
     * parent (an empty result: the id names no node here). A selector that is a container's child (its parent
     * already known to the platform) is added to that container.
     */
    static <T extends TestDescriptor> Optional<T> addBelowParent(
            UniqueId id, Context context, Function<TestDescriptor, Optional<T>> creator) {
        return context.addToParent(() -> selectUniqueId(id.removeLastSegment()), creator);
    }
}
