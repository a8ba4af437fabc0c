package dev.codexfence.engine;

import dev.codexfence.engine.internal.config.Shard;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;

/**
 * Cuts a discovered tree down to one {@link Shard}: the tests outside it are removed, and so are the containers
 * left without a test. A test's key is its unique id below the engine ({@code [codex:0.80.0]/[capability:…]/[probe:…]
 * /[mode:…]}), so the engine's own id (nested when it runs in a suite) does not change the split.
 */
final class ShardFilter {

    private ShardFilter() {}

    static void apply(TestDescriptor engine, Shard shard, FenceUniqueIds ids) {
        List<TestDescriptor> tests = engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .collect(Collectors.toCollection(ArrayList::new));
        Set<TestDescriptor> kept = new HashSet<>(shard.select(tests, t -> key(t.getUniqueId(), ids)));
        for (TestDescriptor t : tests) {
            if (!kept.contains(t)) {
                t.removeFromHierarchy();
            }
        }
        removeEmptyContainers(engine);
    }

    /**
     * The cell key of a test: its unique id's text below the engine ({@code /[capability:…]/[probe:…]/[mode:…]}), in
     * the platform's encoded form, so two tests never share one.
     */
    static String key(UniqueId id, FenceUniqueIds ids) {
        String engine = ids.engine().toString();
        String text = id.toString();
        return text.startsWith(engine) ? text.substring(engine.length()) : text;
    }

    private static void removeEmptyContainers(TestDescriptor node) {
        for (TestDescriptor child : new ArrayList<>(node.getChildren())) {
            removeEmptyContainers(child);
            if (!child.isTest() && child.getChildren().isEmpty()) {
                child.removeFromHierarchy();
            }
        }
    }
}
