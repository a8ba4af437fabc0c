package dev.codexfence.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Capability;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FenceMapBuilderTest {

    private final FenceMap map = MapFixture.map();

    private FenceMap.Cell cell(String capability, String mode) {
        FenceMap.Row row = rows().get(capability);
        int i = map.stacks().get(0).modes().indexOf(mode);
        return row.cells().get(i);
    }

    private Map<String, FenceMap.Row> rows() {
        return map.groups().stream()
                .flatMap(g -> g.rows().stream())
                .collect(Collectors.toMap(FenceMap.Row::capabilityId, Function.identity()));
    }

    @Test
    void oneStackWithItsModesInEngineOrder() {
        assertThat(map.stacks()).singleElement().satisfies(s -> {
            assertThat(s.modes()).containsExactly("baseline", "codex-sandbox", "codex-full");
            assertThat(s.records()).isEqualTo(8);
            assertThat(s.results())
                    .containsEntry("success", 4)
                    .containsEntry("denied", 2)
                    .containsEntry("error", 1)
                    .containsEntry("partial", 1);
            assertThat(s.drifted()).isEqualTo(1);
            assertThat(s.expectations()).isEqualTo("expectations/linux-codex-0.169.0.json");
        });
    }

    @Test
    void cellsShowResultErrnoMixtureAndDrift() {
        assertThat(cell("cap_fs_write_user_home", "codex-sandbox")).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CellState.DENIED);
            assertThat(c.errnos()).containsExactly("EROFS");
            assertThat(c.drifted()).isFalse();
        });
        assertThat(cell("cap_fs_write_user_home", "codex-full")).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CellState.SUCCESS);
            assertThat(c.drifted()).isTrue();
        });
        assertThat(cell("cap_fs_read_workspace_tree", "codex-sandbox")).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CellState.MIXED);
            assertThat(c.probes()).containsExactly("fs_list_workspace_tree", "fs_read_workspace_file");
            assertThat(c.errnos()).containsExactly("EPERM");
        });
        assertThat(cell("cap_fs_read_workspace_tree", "codex-full").state()).isEqualTo(CellState.NONE);
    }

    @Test
    void everyCatalogCapabilityIsARowAndTheGapsShow() {
        List<String> catalogIds =
                MapFixture.CATALOG.capabilities().stream().map(Capability::id).toList();
        assertThat(rows().keySet())
                .containsAll(catalogIds)
                .contains("cap_future_thing")
                .hasSize(catalogIds.size() + 1);
        assertThat(cell("cap_kernel_bpf", "baseline").state()).isEqualTo(CellState.UNCOVERED);
        assertThat(rows().get("cap_kernel_bpf").covered()).isFalse();
        assertThat(cell("cap_mach_lookup_system_logger", "codex-full").state()).isEqualTo(CellState.NOT_APPLICABLE);
        long linuxCaps = MapFixture.CATALOG.capabilities().stream()
                .filter(c -> c.platforms().stream().anyMatch(p -> p.id().equals("linux")))
                .count();
        assertThat(map.stacks().get(0).uncovered())
                .isEqualTo((int) linuxCaps - 3); // three linux capabilities have records
        assertThat(map.groups()).last().satisfies(g -> {
            assertThat(g.category()).isEqualTo("not in the catalog");
            assertThat(g.rows())
                    .singleElement()
                    .extracting(FenceMap.Row::inCatalog)
                    .isEqualTo(false);
        });
    }

    @Test
    void rowsAreGroupedByCategoryThenLayerInCatalogOrder() {
        List<String> categories = map.groups().stream()
                .map(FenceMap.RowGroup::category)
                .distinct()
                .toList();
        List<String> declared = List.copyOf(MapFixture.CATALOG.categories().keySet());
        assertThat(categories.subList(0, categories.size() - 1))
                .isEqualTo(declared.stream()
                        .filter(c -> MapFixture.CATALOG.capabilities().stream()
                                .anyMatch(x -> x.category().equals(c)))
                        .toList());
        map.groups()
                .forEach(g -> g.rows()
                        .forEach(r -> MapFixture.CATALOG.find(r.capabilityId()).ifPresent(c -> {
                            assertThat(c.category()).isEqualTo(g.category());
                            assertThat(c.layer()).isEqualTo(g.layer());
                        })));
    }

    @Test
    void severalStacksGetOneColumnGroupEach() {
        var other = MapFixture.rec(
                "fs_write_home_scratch", "cap_fs_write_user_home", "codex-sandbox", "success", null, "m");
        var macos = dev.codexfence.engine.internal.expect.TestRecords.record(
                dev.codexfence.engine.internal.expect.TestRecords.json(
                        "fs_write_home_scratch",
                        "cap_fs_write_user_home",
                        "codex-sandbox",
                        "denied",
                        "EPERM",
                        "m",
                        "macos",
                        "0.169.0",
                        "Darwin 24.1 arm64"));
        FenceMap two = new FenceMapBuilder(MapFixture.CATALOG, s -> java.util.Optional.empty())
                .build(List.of("a", "b"), MapFixture.lines(List.of(other, macos)));
        assertThat(two.stacks()).extracting(s -> s.key().platform()).containsExactly("linux", "macos");
        FenceMap.Row home = two.groups().stream()
                .flatMap(g -> g.rows().stream())
                .filter(r -> r.capabilityId().equals("cap_fs_write_user_home"))
                .findFirst()
                .orElseThrow();
        assertThat(home.cells())
                .extracting(FenceMap.Cell::stack, FenceMap.Cell::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, CellState.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple(
                                1, CellState.DENIED)); // a record wins over the catalog's "linux only"
        FenceMap.Row logger = two.groups().stream()
                .flatMap(g -> g.rows().stream())
                .filter(r -> r.capabilityId().equals("cap_mach_lookup_system_logger"))
                .findFirst()
                .orElseThrow();
        assertThat(logger.cells())
                .extracting(FenceMap.Cell::state)
                .containsExactly(CellState.NOT_APPLICABLE, CellState.UNCOVERED);
    }
}
