package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.release.PinnedReleases;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/**
 * Every node's unique id resolves again, alone, to exactly that node, its ancestors and its descendants (an IDE
 * rerun of any node, across restarts): each kind of node in the plain tree (capability, probe, mode, coverage, broken
 * probe) and below codex releases (release, and capability, probe and mode below one). Unique ids that name no node
 * of this run are ERROR discovery issues naming the id, and build nothing.
 */
class UniqueIdRoundTripTest {

    private static final UniqueId ENGINE = UniqueId.forEngine(Constants.ENGINE_ID);
    /** Healthy fx_ok, seven broken probes, and (with this four-capability catalog) two capabilities without a probe. */
    private static final Path ROOT = Fixtures.tree("broken");

    private static final Path CATALOG = Fixtures.tree("cli-catalog").resolve("catalog.json");

    @TempDir
    Path out;

    private static Map<String, String> config(String... more) {
        Map<String, String> config = new HashMap<>(Map.of(
                Constants.MODES,
                "baseline,codex-sandbox",
                Constants.PROBES_ROOT,
                ROOT.toString(),
                Constants.CATALOG,
                CATALOG.toString()));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    private EngineDiscoveryResults discover(Map<String, String> config, org.junit.platform.engine.DiscoverySelector s) {
        return Fixtures.kit(out, config, s).discover();
    }

    private static Set<UniqueId> ids(TestDescriptor root) {
        return root.getDescendants().stream().map(TestDescriptor::getUniqueId).collect(Collectors.toSet());
    }

    private static List<DiscoveryIssue> errors(EngineDiscoveryResults results) {
        return results.getDiscoveryIssues().stream()
                .filter(i -> i.severity() == DiscoveryIssue.Severity.ERROR)
                .toList();
    }

    /** Selects every node of the whole tree alone and compares what it resolves to with the node's place in it. */
    private Set<String> roundTrip(Map<String, String> config) {
        EngineDiscoveryResults whole = discover(config, selectDirectory(ROOT.toFile()));
        assertThat(errors(whole)).isEmpty();
        List<? extends TestDescriptor> nodes =
                List.copyOf(whole.getEngineDescriptor().getDescendants());
        assertThat(nodes).isNotEmpty();
        for (TestDescriptor node : nodes) {
            Set<UniqueId> expected = new LinkedHashSet<>();
            for (Optional<TestDescriptor> d = Optional.of(node);
                    d.isPresent() && d.get() != whole.getEngineDescriptor();
                    d = d.get().getParent()) {
                expected.add(d.get().getUniqueId());
            }
            expected.addAll(ids(node));
            EngineDiscoveryResults alone = discover(config, selectUniqueId(node.getUniqueId()));
            assertThat(errors(alone)).as("%s", node.getUniqueId()).isEmpty();
            assertThat(ids(alone.getEngineDescriptor()))
                    .as("%s", node.getUniqueId())
                    .isEqualTo(expected);
            TestDescriptor again = alone.getEngineDescriptor()
                    .findByUniqueId(node.getUniqueId())
                    .orElseThrow();
            assertThat(again.getClass()).isEqualTo(node.getClass());
            assertThat(again.getDisplayName()).isEqualTo(node.getDisplayName());
        }
        return nodes.stream()
                .map(n -> n.getUniqueId().getLastSegment().getType())
                .collect(Collectors.toSet());
    }

    @Test
    void everyNodeOfThePlainTreeResolvesAloneToItselfAndItsDescendants() {
        assertThat(roundTrip(config()))
                .containsExactlyInAnyOrder(
                        FenceUniqueIds.CAPABILITY,
                        FenceUniqueIds.PROBE,
                        FenceUniqueIds.MODE,
                        FenceUniqueIds.COVERAGE,
                        FenceUniqueIds.BROKEN);
    }

    @Test
    void everyNodeOfATreeOverSeveralReleasesResolvesAloneToItselfAndItsDescendants() {
        PinnedReleases.require("0.80.0"); // installed, so no list of releases (and nothing from npm) is needed
        PinnedReleases.require("0.120.0");
        assertThat(roundTrip(config(Constants.CODEX_VERSIONS, "0.80.0,0.120.0")))
                .containsExactlyInAnyOrder(
                        FenceUniqueIds.RELEASE,
                        FenceUniqueIds.CAPABILITY,
                        FenceUniqueIds.PROBE,
                        FenceUniqueIds.MODE,
                        FenceUniqueIds.COVERAGE,
                        FenceUniqueIds.BROKEN);
    }

    @Test
    void belowASuiteTheNestedIdsResolveToo() {
        UniqueId nested = UniqueId.forEngine("junit-platform-suite")
                .append("suite", "x.ProbeSuite")
                .append("engine", Constants.ENGINE_ID);
        UniqueId run = nested.append("capability", "cap_fs_read_workspace_tree")
                .append("probe", "fx_ok")
                .append("mode", "codex-sandbox");
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(run))
                .configurationParameters(config())
                .build();
        TestDescriptor engine = new CodexFenceTestEngine().discover(request, nested);
        assertThat(engine.getDescendants().stream()
                        .filter(TestDescriptor::isTest)
                        .map(TestDescriptor::getUniqueId))
                .containsExactly(run);
    }

    @Test
    void idsThatNameNoNodeOfThisRunAreErrorsAndBuildNothing() {
        UniqueId capability = ENGINE.append("capability", "cap_fs_read_workspace_tree");
        for (UniqueId id : List.of(
                ENGINE.append("suite", "x"), // a segment type the engine does not have
                ENGINE.append("probe", "fx_ok"), // a probe belongs below its capability
                ENGINE.append("capability", "cap_not_in_the_catalog"),
                capability.append("capability", "cap_fs_write_user_home"),
                capability.append("mode", "baseline"), // a mode belongs below a probe
                capability.append("probe", "fx_ok").append("mode", "codex-full"), // not a mode of this run
                capability.append("probe", "fx_ok").append("probe", "fx_ok"),
                capability.append("probe", "fx_renamed").append("mode", "baseline"),
                ENGINE.append("capability", "cap_fs_write_workspace_tree")
                        .append("probe", "fx_ok"), // not its capability
                ENGINE.append("capability", "cap_fs_write_user_home").append("coverage", "other"),
                ENGINE.append("capability", "cap_mach_lookup_system_logger")
                        .append("coverage", "missing"), // macOS only
                capability.append("broken-probe", "fx_crlf.sh"), // broken probes sit below the engine
                ENGINE.append("broken-probe", "fx_ok.sh"), // not broken
                ENGINE.append("codex", "0.80.0"))) { // a plain run has no releases
            EngineDiscoveryResults results = discover(config(), selectUniqueId(id));
            assertThat(results.getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest))
                    .as("%s", id)
                    .isEmpty();
            assertThat(errors(results))
                    .as("%s", id)
                    .extracting(DiscoveryIssue::message)
                    .anyMatch(m -> m.contains(id.toString()));
        }
    }
}
