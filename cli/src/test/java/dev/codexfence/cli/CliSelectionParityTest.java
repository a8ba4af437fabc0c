package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The CLI selects what Maven selects. For every capability of the bundled catalog, {@code codex-fence list --cap ID}
 * over the repository's probe root (every mode) prints exactly the tests a launcher discovers from that root with
 * {@code TagFilter.includeTags(ID)}, the filter {@code mvn test -Dgroups=ID} adds: the same probe x mode tests and
 * coverage tests. The expected side is read from the discovered unique ids here, not from the CLI's code.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliSelectionParityTest {

    private static final Path PROBES = CliProcess.repositoryRoot().resolve("probes");
    private static final List<String> MODES =
            List.of("baseline", "codex-sandbox", "codex-full", "codex-read-only", "codex-workspace-net");

    private static Launcher launcher;

    @BeforeAll
    static void launcher() {
        launcher = LauncherFactory.create();
    }

    /** A test as {@code list} names it: probe id (or -), mode (or coverage/contract), capability (or -). */
    private record Row(String probe, String mode, String capability) {}

    /** The tests a launcher discovers from the probe root with {@code filters}, the way Surefire's run does. */
    private static Set<Row> engineSelection(PostDiscoveryFilter... filters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(PROBES.toFile()))
                .filters(EngineFilter.includeEngines("codex-fence"))
                .filters(filters)
                .configurationParameters(Map.of(Constants.MODES, String.join(",", MODES)))
                .build();
        TestPlan plan = launcher.discover(request);
        Set<Row> rows = new LinkedHashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).stream()
                    .filter(TestIdentifier::isTest)
                    .forEach(t -> rows.add(row(t.getUniqueIdObject())));
        }
        return rows;
    }

    private static Row row(UniqueId id) {
        String probe = "-";
        String mode = "-";
        String capability = "-";
        for (UniqueId.Segment s : id.getSegments()) {
            switch (s.getType()) {
                case "capability" -> capability = s.getValue();
                case "probe" -> probe = s.getValue();
                case "mode" -> mode = s.getValue();
                case "coverage" -> mode = "coverage";
                case "broken-probe" -> {
                    probe = s.getValue();
                    mode = "contract";
                }
                default -> {
                    // engine
                }
            }
        }
        return new Row(probe, mode, capability);
    }

    /** What {@code codex-fence ARGS} lists over the probe root in every mode. */
    private static CliInProcess.Outcome list(String... args) {
        List<String> all =
                new ArrayList<>(List.of("list", "--probes", PROBES.toString(), "--mode", String.join(",", MODES)));
        all.addAll(List.of(args));
        return CliInProcess.run(all.toArray(String[]::new));
    }

    private static Set<Row> rows(CliInProcess.Outcome listed) {
        Set<Row> rows = new LinkedHashSet<>();
        for (String line : listed.lines()) {
            String[] cells = line.trim().split("\\s+");
            rows.add(new Row(cells[0], cells[1], cells[2]));
        }
        assertThat(rows).as("one line per test").hasSize(listed.lines().size());
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyCapabilitySelectsWhatMavensTagFilterSelects() {
        List<Capability> capabilities = new CatalogLoader().loadBundled().capabilities();
        assertThat(capabilities).hasSizeGreaterThan(40);
        List<String> viaSecondary = new ArrayList<>();
        Stream<DynamicTest> each = capabilities.stream()
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                    Set<Row> expected = engineSelection(TagFilter.includeTags(c.id()));
                    CliInProcess.Outcome listed = list("--cap", c.id());
                    if (expected.isEmpty()) {
                        // a capability of another platform without a probe: Maven selects nothing, the CLI says so
                        assertThat(listed.exit()).as(listed.toString()).isEqualTo(ExitCodes.USAGE);
                        assertThat(listed.err()).contains("nothing to run", "carries the tag " + c.id());
                        return;
                    }
                    assertThat(listed.exit()).as(listed.toString()).isZero();
                    assertThat(rows(listed)).as(c.id()).containsExactlyInAnyOrderElementsOf(expected);
                    expected.stream()
                            .filter(r -> !r.capability().equals(c.id()))
                            .forEach(r -> viaSecondary.add(c.id() + " <- " + r.probe() + " [" + r.mode() + "]"));
                }));
        // the rule the two used to disagree on: a probe whose secondary capability is X is a test of X
        DynamicTest secondary = DynamicTest.dynamicTest(
                "some capability selects probes through a secondary capability",
                () -> assertThat(viaSecondary).isNotEmpty());
        return Stream.concat(each, Stream.of(secondary));
    }

    @Test
    void theWholeRootIsTheSameMatrix() {
        Set<Row> all = engineSelection();
        assertThat(all).extracting(Row::mode).contains("baseline", "codex-workspace-net");
        CliInProcess.Outcome listed = list();
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(rows(listed)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aTagExpressionSelectsWhatTheSameExpressionSelectsInMaven() {
        for (String expression : List.of("network & codex-sandbox", "filesystem & !baseline", "linux & !macos")) {
            Set<Row> expected = engineSelection(TagFilter.includeTags(expression));
            assertThat(expected).as(expression).isNotEmpty();
            CliInProcess.Outcome listed = list("--tag", expression);
            assertThat(listed.exit()).as(listed.toString()).isZero();
            assertThat(rows(listed)).as(expression).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
