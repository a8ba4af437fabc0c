package dev.codexfence.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;

/**
 * The discovery selectors and post-discovery filters of a bang, rattle or list: the same ones Maven, an IDE and the
 * Console Launcher send, so that the CLI and {@code mvn test} select the same tests.
 * <ul>
 *   <li>the whole matrix is a {@code DirectorySelector} of the probe root ({@code @SelectDirectories});</li>
 *   <li>{@code --probe ID} is a {@code FileSelector} of {@code ID.sh} ({@code --select-file}, an IDE's "run this
 *       file");</li>
 *   <li>{@code --cap ID} and {@code --tag EXPR} are the probe root with {@link TagFilter#includeTags(List)} over the
 *       engine's tags, as {@code mvn test -Dgroups=ID,EXPR} and {@code --include-tag} filter it; with {@code --probe}
 *       as well, a test passes when the tags match or it is a test of a named probe.</li>
 * </ul>
 *
 * @param selectors what discovery starts from
 * @param filters applied by the launcher after discovery (none, or one)
 * @param description what a tag filter asked for, for the message when it selects nothing; empty without one
 */
record TestSelection(List<DiscoverySelector> selectors, List<PostDiscoveryFilter> filters, String description) {

    TestSelection {
        selectors = List.copyOf(selectors);
        filters = List.copyOf(filters);
    }

    /** Whether a tag filter decides what runs (it may select nothing). */
    boolean filtered() {
        return !filters.isEmpty();
    }

    /** Every probe of {@code root} in every mode, and a coverage test per capability without a probe: bang. */
    static TestSelection wholeRoot(Path root) {
        requireProbes(root);
        return new TestSelection(List.of(selectDirectory(root.toFile())), List.of(), "");
    }

    /**
     * The tests {@code options} pick from {@code root}: probe ids are checked to be files directly inside it,
     * capability ids to be in the catalog (with suggestions), tag expressions to parse.
     */
    static TestSelection of(Path root, SelectionOptions options, Supplier<CapabilityCatalog> catalog) {
        ProbeSelection probes = new ProbeSelection(root);
        Set<Path> files = new LinkedHashSet<>();
        options.probes.forEach(id -> files.add(probes.probeFile(id)));
        List<String> expressions = new ArrayList<>();
        for (String cap : options.caps) {
            expressions.add(probes.capabilityTag(cap, catalog.get()));
        }
        for (String tag : options.tags) {
            expressions.add(tagExpression(tag));
        }
        if (expressions.isEmpty()) {
            return new TestSelection(
                    files.stream()
                            .map(f -> (DiscoverySelector) selectFile(f.toFile()))
                            .toList(),
                    List.of(),
                    "");
        }
        requireProbes(root);
        PostDiscoveryFilter tags = TagFilter.includeTags(expressions);
        Set<String> names = new LinkedHashSet<>();
        files.forEach(f -> names.add(f.getFileName().toString()));
        PostDiscoveryFilter filter = names.isEmpty() ? tags : new TagsOrProbes(tags, names);
        String description = "the tag" + (expressions.size() == 1 ? " " : "s ") + String.join(", ", expressions);
        return new TestSelection(List.of(selectDirectory(root.toFile())), List.of(filter), description);
    }

    private static void requireProbes(Path root) {
        if (!ProbeRoot.looksLikeProbeRoot(root)) {
            throw CliException.usage("no probes (*.sh) in " + root);
        }
    }

    /** The expression, checked the way the launcher will parse it; a bad one is a usage error naming the problem. */
    private static String tagExpression(String text) {
        String expression = text.strip();
        try {
            TagFilter.includeTags(expression);
        } catch (PreconditionViolationException e) {
            throw CliException.usage("--tag \"" + TerminalText.line(text) + "\" is not a JUnit tag expression: "
                    + TerminalText.line(String.valueOf(e.getMessage())));
        }
        return expression;
    }

    /**
     * A test passes when the tag filter passes it or it belongs to a probe named by {@code --probe}: the union of a
     * tag-filtered root and file selectors, which one discovery request cannot express otherwise.
     */
    private record TagsOrProbes(PostDiscoveryFilter tags, Set<String> probeFiles) implements PostDiscoveryFilter {
        @Override
        public FilterResult apply(TestDescriptor descriptor) {
            if (namedProbe(descriptor.getUniqueId())) {
                return FilterResult.included("a probe named by --probe");
            }
            return tags.apply(descriptor);
        }

        private boolean namedProbe(UniqueId id) {
            for (UniqueId.Segment s : id.getSegments()) {
                if ((s.getType().equals(FenceUniqueIds.PROBE) && probeFiles.contains(s.getValue() + ".sh"))
                        || (s.getType().equals(FenceUniqueIds.BROKEN) && probeFiles.contains(s.getValue()))) {
                    return true;
                }
            }
            return false;
        }
    }
}
