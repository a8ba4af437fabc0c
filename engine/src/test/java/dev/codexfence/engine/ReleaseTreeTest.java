package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.release.PinnedReleases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TagFilter;

/**
 * The test tree of a run over several codex releases: a container per release above the capabilities, with its own
 * unique-id segment, display name and tag on every test below it; baseline once, in the plain tree; the plain tree,
 * ids unchanged, for one release. Discovery only, with two pinned releases from the per-user cache (installed, so
 * no list of releases is needed: nothing goes to npm).
 */
class ReleaseTreeTest {

    private static final UniqueId ENGINE = UniqueId.forEngine(Constants.ENGINE_ID);
    private static final String MODES = "baseline,codex-sandbox,codex-full";

    @TempDir
    Path out;

    @BeforeEach
    void pinnedReleases() {
        PinnedReleases.require("0.80.0"); // aborts (fails in CI) where .ci/run did not install them
        PinnedReleases.require("0.120.0");
    }

    private TestDescriptor discover(Map<String, String> config, org.junit.platform.engine.DiscoverySelector... s) {
        var result = Fixtures.kit(out, config, s).discover();
        assertThat(result.getDiscoveryIssues())
                .as("discovery issues")
                .noneMatch(i -> i.severity() == DiscoveryIssue.Severity.ERROR);
        return result.getEngineDescriptor();
    }

    private static Set<UniqueId> tests(TestDescriptor engine) {
        return engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(TestDescriptor::getUniqueId)
                .collect(Collectors.toSet());
    }

    private static TestDescriptor node(TestDescriptor engine, UniqueId id) {
        return engine.findByUniqueId(id)
                .orElseThrow(() -> new AssertionError("no node " + id + " in "
                        + engine.getDescendants().stream()
                                .map(TestDescriptor::getUniqueId)
                                .toList()));
    }

    private static UniqueId run(String release, String capability, String probe, String mode) {
        UniqueId scope = release == null ? ENGINE : ENGINE.append(FenceUniqueIds.RELEASE, release);
        return scope.append("capability", capability).append("probe", probe).append("mode", mode);
    }

    @Test
    void oneReleaseKeepsThePlainTreeAndItsUniqueIds() {
        Path healthy = Fixtures.tree("healthy");
        TestDescriptor plain = discover(Map.of(Constants.MODES, MODES), selectDirectory(healthy.toFile()));
        TestDescriptor one = discover(
                Map.of(Constants.MODES, MODES, Constants.CODEX_VERSIONS, "0.80.0"), selectDirectory(healthy.toFile()));
        assertThat(tests(plain))
                .isNotEmpty()
                .contains(run(null, "cap_fs_write_workspace_tree", "fx_write_ws", "codex-sandbox"));
        assertThat(tests(one)).isEqualTo(tests(plain));
        assertThat(one.getDescendants())
                .noneMatch(d -> d instanceof ReleaseDescriptor)
                .allSatisfy(
                        d -> assertThat(d.getTags()).noneMatch(t -> t.getName().startsWith("codex_")));
        // a range naming one release is one release too
        TestDescriptor range = discover(
                Map.of(Constants.MODES, MODES, Constants.CODEX_VERSIONS, "0.80.0,0.80.0..0.80.0"),
                selectDirectory(healthy.toFile()));
        assertThat(tests(range)).isEqualTo(tests(plain));
    }

    @Test
    void severalReleasesGetAContainerEachAboveTheCapabilitiesAndBaselineRunsOnce() {
        TestDescriptor engine = discover(
                Map.of(Constants.MODES, MODES, Constants.CODEX_VERSIONS, "0.120.0,0.80.0"),
                selectDirectory(Fixtures.tree("healthy").toFile()));

        // below the engine: the plain tree's capabilities (baseline, coverage), then the releases in version order
        List<TestDescriptor> top = List.copyOf(engine.getChildren());
        assertThat(top.subList(top.size() - 2, top.size()))
                .extracting(TestDescriptor::getDisplayName)
                .containsExactly("codex 0.80.0", "codex 0.120.0");
        assertThat(top.subList(0, top.size() - 2))
                .allSatisfy(d -> assertThat(d).isInstanceOf(CapabilityDescriptor.class));
        TestDescriptor release = node(engine, ENGINE.append("codex", "0.80.0"));
        assertThat(release.isContainer()).isTrue();
        assertThat(release.getLegacyReportingName()).isEqualTo("codex 0.80.0");

        // below a release: capability, probe, one test per codex mode, its name and tags telling the release
        TestDescriptor sandbox =
                node(engine, run("0.80.0", "cap_fs_write_workspace_tree", "fx_write_ws", "codex-sandbox"));
        assertThat(sandbox.getDisplayName()).isEqualTo("fx_write_ws [codex-sandbox, codex 0.80.0]");
        assertThat(sandbox.getParent().orElseThrow().getDisplayName()).isEqualTo("fx_write_ws");
        assertThat(sandbox.getParent().orElseThrow().getParent().orElseThrow().getDisplayName())
                .startsWith("cap_fs_write_workspace_tree — ");
        assertThat(sandbox.getTags())
                .extracting(TestTag::getName)
                .contains("codex_0.80.0", "codex-sandbox", "cap_fs_write_workspace_tree")
                .doesNotContain("codex_0.120.0");
        assertThat(node(engine, run("0.120.0", "cap_fs_write_workspace_tree", "fx_write_ws", "codex-full"))
                        .getTags())
                .extracting(TestTag::getName)
                .contains("codex_0.120.0")
                .doesNotContain("codex_0.80.0");

        // baseline once, with the plain tree's unique id and no release tag; codex modes only below releases
        TestDescriptor baseline = node(engine, run(null, "cap_fs_write_workspace_tree", "fx_write_ws", "baseline"));
        assertThat(baseline.getDisplayName()).isEqualTo("fx_write_ws [baseline]");
        assertThat(baseline.getTags()).noneMatch(t -> t.getName().startsWith("codex_"));
        assertThat(tests(engine))
                .doesNotContain(
                        run(null, "cap_fs_write_workspace_tree", "fx_write_ws", "codex-sandbox"),
                        run("0.80.0", "cap_fs_write_workspace_tree", "fx_write_ws", "baseline"));

        // every healthy probe: 1 baseline + 2 releases × 2 codex modes; coverage only once, below the engine
        long probes = 4;
        long coverage = tests(engine).stream()
                .filter(id -> id.getLastSegment().getType().equals("coverage"))
                .count();
        assertThat(coverage).isPositive();
        assertThat(tests(engine)).hasSize((int) (probes * (1 + 2 * 2) + coverage));
        assertThat(tests(engine))
                .filteredOn(id -> id.getLastSegment().getType().equals("coverage"))
                .allMatch(id -> id.getSegments().get(1).getType().equals("capability"));
        // display names of tests are unique (Surefire's report keys them by name)
        List<String> names = engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(TestDescriptor::getDisplayName)
                .toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void aFileSelectorGivesTheProbeOnceForBaselineAndOnceBelowEachRelease() {
        TestDescriptor engine = discover(
                Map.of(Constants.MODES, "baseline,codex-read-only", Constants.CODEX_VERSIONS, "0.80.0 0.120.0"),
                selectFile(Fixtures.tree("healthy").resolve("fx_read_ws.sh").toFile()));
        assertThat(tests(engine))
                .containsExactlyInAnyOrder(
                        run(null, "cap_fs_read_workspace_tree", "fx_read_ws", "baseline"),
                        run("0.80.0", "cap_fs_read_workspace_tree", "fx_read_ws", "codex-read-only"),
                        run("0.120.0", "cap_fs_read_workspace_tree", "fx_read_ws", "codex-read-only"));
        // without baseline, nothing is left directly below the engine
        TestDescriptor codexOnly = discover(
                Map.of(Constants.MODES, "codex-read-only", Constants.CODEX_VERSIONS, "0.80.0,0.120.0"),
                selectFile(Fixtures.tree("healthy").resolve("fx_read_ws.sh").toFile()));
        assertThat(codexOnly.getChildren())
                .extracting(TestDescriptor::getDisplayName)
                .containsExactly("codex 0.80.0", "codex 0.120.0");
    }

    @Test
    void uniqueIdsOfTheReleaseSegmentResolveForIdeReruns() {
        Map<String, String> config = Map.of(
                Constants.MODES,
                MODES,
                Constants.CODEX_VERSIONS,
                "0.80.0,0.120.0",
                Constants.PROBES_ROOT,
                Fixtures.tree("healthy").toString());
        // one probe × mode × release
        UniqueId one = run("0.120.0", "cap_fs_write_workspace_tree", "fx_write_ws", "codex-sandbox");
        assertThat(tests(discover(config, selectUniqueId(one)))).containsExactly(one);
        // baseline keeps its plain id
        UniqueId baseline = run(null, "cap_fs_write_workspace_tree", "fx_write_ws", "baseline");
        assertThat(tests(discover(config, selectUniqueId(baseline)))).containsExactly(baseline);
        // a probe below a release: its codex modes
        UniqueId probe = ENGINE.append("codex", "0.80.0")
                .append("capability", "cap_fs_read_workspace_tree")
                .append("probe", "fx_read_ws");
        assertThat(tests(discover(config, selectUniqueId(probe))))
                .containsExactlyInAnyOrder(probe.append("mode", "codex-sandbox"), probe.append("mode", "codex-full"));
        // a whole release: every probe of the probe root, codex modes only, nothing of the other release
        Set<UniqueId> release = tests(discover(config, selectUniqueId(ENGINE.append("codex", "0.80.0"))));
        assertThat(release).hasSize(4 * 2).allMatch(id -> id.hasPrefix(ENGINE.append("codex", "0.80.0")));
        // a capability below a release
        UniqueId capability = ENGINE.append("codex", "0.120.0").append("capability", "cap_fs_write_user_home");
        assertThat(tests(discover(config, selectUniqueId(capability))))
                .containsExactlyInAnyOrder(
                        capability.append("probe", "fx_write_home").append("mode", "codex-sandbox"),
                        capability.append("probe", "fx_write_home").append("mode", "codex-full"));
    }

    @Test
    void uniqueIdsNamingNoSuchPlaceAreReportedNotGuessed() {
        Map<String, String> config = Map.of(
                Constants.MODES,
                MODES,
                Constants.CODEX_VERSIONS,
                "0.80.0,0.120.0",
                Constants.PROBES_ROOT,
                Fixtures.tree("healthy").toString());
        for (UniqueId id : List.of(
                run(
                        "0.100.0",
                        "cap_fs_write_workspace_tree",
                        "fx_write_ws",
                        "codex-sandbox"), // not a release of this run
                run(
                        null,
                        "cap_fs_write_workspace_tree",
                        "fx_write_ws",
                        "codex-sandbox"), // codex modes live below releases
                run(
                        "0.80.0",
                        "cap_fs_write_workspace_tree",
                        "fx_write_ws",
                        "baseline"), // baseline lives below the engine
                ENGINE.append("codex", "0.80.0")
                        .append("capability", "cap_kernel_bpf")
                        .append("coverage", "missing"))) {
            var result = Fixtures.kit(out, config, selectUniqueId(id)).discover();
            assertThat(tests(result.getEngineDescriptor())).as("%s", id).isEmpty();
            assertThat(result.getDiscoveryIssues())
                    .as("%s", id)
                    .extracting(DiscoveryIssue::message)
                    .anyMatch(m -> m.contains(id.toString()));
        }
        // in a plain run the release segment names nothing either
        UniqueId plainRun = run("0.80.0", "cap_fs_write_workspace_tree", "fx_write_ws", "codex-sandbox");
        var plain = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                MODES,
                                Constants.PROBES_ROOT,
                                Fixtures.tree("healthy").toString()),
                        selectUniqueId(plainRun))
                .discover();
        assertThat(tests(plain.getEngineDescriptor())).isEmpty();
    }

    @Test
    void theReleaseTagSelectsOneRelease() {
        var result = Fixtures.kit(
                        out,
                        Map.of(Constants.MODES, MODES, Constants.CODEX_VERSIONS, "0.80.0,0.120.0"),
                        selectDirectory(Fixtures.tree("healthy").toFile()))
                .filters(TagFilter.includeTags("codex_0.120.0"))
                .discover();
        Set<UniqueId> tests = tests(result.getEngineDescriptor());
        assertThat(tests)
                .hasSize(4 * 2)
                .allMatch(id -> id.getSegments().get(1).getType().equals("codex")
                        && id.getSegments().get(1).getValue().equals("0.120.0"));
        var sandboxOf80 = Fixtures.kit(
                        out,
                        Map.of(Constants.MODES, MODES, Constants.CODEX_VERSIONS, "0.80.0,0.120.0"),
                        selectDirectory(Fixtures.tree("healthy").toFile()))
                .filters(TagFilter.includeTags("codex_0.80.0 & codex-sandbox"))
                .discover();
        assertThat(tests(sandboxOf80.getEngineDescriptor()))
                .hasSize(4)
                .allMatch(id -> id.getLastSegment().getValue().equals("codex-sandbox")
                        && id.getSegments().get(1).getValue().equals("0.80.0"));
    }
}
