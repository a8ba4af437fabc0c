package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.config.Shard;
import dev.codexfence.engine.internal.release.PinnedReleases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * {@code codex-fence.shard=K/N}: for any N the N shards are disjoint, their union is the whole selection, and their
 * sizes differ by at most one; which test lands in which shard does not depend on the order of the selectors.
 */
class ShardTest {

    @TempDir
    Path out;

    private Set<UniqueId> tests(Map<String, String> config, DiscoverySelector... selectors) {
        TestDescriptor engine = Fixtures.kit(out, config, selectors).discover().getEngineDescriptor();
        return engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(TestDescriptor::getUniqueId)
                .collect(Collectors.toSet());
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> c = new HashMap<>(config);
        c.put(key, value);
        return c;
    }

    /** Splits the selection {@code config} and {@code selectors} make into N shards and checks the split. */
    private void assertSplits(Map<String, String> config, int n, DiscoverySelector... selectors) {
        Set<UniqueId> all = tests(config, selectors);
        assertThat(all).as("the whole selection").hasSizeGreaterThan(n);
        List<Set<UniqueId>> shards = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            shards.add(tests(with(config, Constants.SHARD, k + "/" + n), selectors));
        }
        Set<UniqueId> union = new HashSet<>();
        int total = 0;
        for (Set<UniqueId> shard : shards) {
            union.addAll(shard);
            total += shard.size();
        }
        assertThat(union).as("union of %d shards", n).isEqualTo(all);
        assertThat(total)
                .as("shards are disjoint: %d shards of %d tests", n, all.size())
                .isEqualTo(all.size());
        IntSummaryStatistics sizes = shards.stream().mapToInt(Set::size).summaryStatistics();
        assertThat(sizes.getMax() - sizes.getMin())
                .as("sizes %s", shards.stream().map(Set::size).toList())
                .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {1, 2, 3, 7, 16})
    void thePlainTreeSplitsIntoDisjointBalancedShardsThatCoverIt(int n) {
        assertSplits(
                Map.of(Constants.MODES, "baseline,codex-sandbox,codex-full"),
                n,
                selectDirectory(Fixtures.tree("healthy").toFile()));
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {2, 5, 9})
    void releaseProbeModeCellsSplitTheSameWay(int n) {
        PinnedReleases.require("0.80.0");
        PinnedReleases.require("0.120.0");
        Map<String, String> config = Map.of(
                Constants.MODES,
                "baseline,codex-sandbox,codex-read-only",
                Constants.CODEX_VERSIONS,
                "0.80.0,0.120.0",
                Constants.MISSING_COVERAGE,
                "skip");
        assertSplits(config, n, selectDirectory(Fixtures.tree("healthy").toFile()));
        // every shard holds cells of both releases: a shard is a slice of the whole matrix, not one release
        Set<UniqueId> first = tests(
                with(config, Constants.SHARD, "1/" + n),
                selectDirectory(Fixtures.tree("healthy").toFile()));
        assertThat(first).anyMatch(id -> id.toString().contains("[codex:0.80.0]"));
        assertThat(first).anyMatch(id -> id.toString().contains("[codex:0.120.0]"));
    }

    @Test
    void theShardOfATestDoesNotDependOnTheOrderOfTheSelectors() {
        Path healthy = Fixtures.tree("healthy");
        DiscoverySelector[] forward = {
            selectFile(healthy.resolve("fx_read_ws.sh").toFile()),
            selectFile(healthy.resolve("fx_write_ws.sh").toFile()),
            selectFile(healthy.resolve("fx_write_home.sh").toFile())
        };
        DiscoverySelector[] backward = {forward[2], forward[1], forward[0]};
        Map<String, String> config = Map.of(Constants.MODES, "baseline,codex-sandbox,codex-full");
        for (int k = 1; k <= 4; k++) {
            assertThat(tests(with(config, Constants.SHARD, k + "/4"), forward))
                    .as("shard %d/4", k)
                    .isNotEmpty()
                    .isEqualTo(tests(with(config, Constants.SHARD, k + "/4"), backward));
        }
    }

    @Test
    void nestedInASuiteTheSplitIsTheSame() {
        UniqueId nested = UniqueId.forEngine("junit-platform-suite")
                .append("suite", "x.ProbeSuite")
                .append("engine", "codex-fence");
        for (int k = 1; k <= 3; k++) {
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectDirectory(Fixtures.tree("healthy").toFile()))
                    .configurationParameter(Constants.MODES, "baseline,codex-sandbox")
                    .configurationParameter(Constants.SHARD, k + "/3")
                    .build();
            Set<String> inSuite = new CodexFenceTestEngine()
                    .discover(request, nested).getDescendants().stream()
                            .filter(TestDescriptor::isTest)
                            .map(d -> d.getUniqueId()
                                    .toString()
                                    .substring(nested.toString().length()))
                            .collect(Collectors.toSet());
            Set<String> alone = tests(
                            Map.of(Constants.MODES, "baseline,codex-sandbox", Constants.SHARD, k + "/3"),
                            selectDirectory(Fixtures.tree("healthy").toFile()))
                    .stream()
                    .map(id -> id.toString()
                            .substring(UniqueId.forEngine(Constants.ENGINE_ID)
                                    .toString()
                                    .length()))
                    .collect(Collectors.toSet());
            assertThat(inSuite).as("shard %d/3", k).isNotEmpty().isEqualTo(alone);
        }
    }

    @Test
    void moreShardsThanTestsLeaveSomeEmptyAndNoContainerWithoutATest() {
        Map<String, String> config = Map.of(Constants.MODES, "baseline");
        DiscoverySelector probe =
                selectFile(Fixtures.tree("healthy").resolve("fx_read_ws.sh").toFile());
        TestDescriptor first = Fixtures.kit(out, with(config, Constants.SHARD, "1/3"), probe)
                .discover()
                .getEngineDescriptor();
        assertThat(first.getDescendants()).filteredOn(TestDescriptor::isTest).hasSize(1);
        TestDescriptor empty = Fixtures.kit(out, with(config, Constants.SHARD, "2/3"), probe)
                .discover()
                .getEngineDescriptor();
        assertThat(empty.getChildren()).isEmpty();
    }

    @Test
    void shardSelectTakesEveryNthOfTheSortedCells() {
        List<String> cells =
                IntStream.range(0, 10).mapToObj(i -> "c" + i).collect(Collectors.toCollection(ArrayList::new));
        java.util.Collections.shuffle(cells, new java.util.Random(7));
        assertThat(new Shard(1, 3).select(cells, c -> c)).containsExactly("c0", "c3", "c6", "c9");
        assertThat(new Shard(2, 3).select(cells, c -> c)).containsExactly("c1", "c4", "c7");
        assertThat(new Shard(3, 3).select(cells, c -> c)).containsExactly("c2", "c5", "c8");
    }

    @Test
    void onlyKOfNIsAccepted() {
        assertThat(Shard.parse(" 3/8 ")).contains(new Shard(3, 8));
        assertThat(Shard.parse("1/1")).contains(new Shard(1, 1));
        assertThat(Shard.parse("10000/10000")).isPresent();
        for (String bad : List.of("0/3", "4/3", "3", "1/0", "-1/3", "a/b", "1/10001", "1/3/2", "01/3", "")) {
            assertThat(Shard.parse(bad)).as(bad).isEmpty();
        }
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Fixtures.tree("healthy").toFile()))
                .configurationParameter(Constants.SHARD, "4/3")
                .build();
        assertThatThrownBy(() -> new CodexFenceTestEngine().discover(request, UniqueId.forEngine(Constants.ENGINE_ID)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration codex-fence.shard=\"4/3\": expected " + Shard.FORM);
    }
}
