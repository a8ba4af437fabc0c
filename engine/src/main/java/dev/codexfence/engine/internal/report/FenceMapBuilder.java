package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.expect.Expectations;
import dev.codexfence.engine.internal.expect.ExpectationsFormat;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import dev.codexfence.record.RecordLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Lays records out as a {@link FenceMap}: one column group per stack (platform, codex version, OS, uid; by host,
 * then by release in version order), one row per
 * catalog capability (grouped by category, then layer, in catalog order) plus any capability the records name
 * that the catalog lacks, each cell holding the records of the capability's probes in that mode.
 */
@API(status = INTERNAL, since = "0.1")
public final class FenceMapBuilder {

    private static final String OUTSIDE_CATALOG = "not in the catalog";

    private final CapabilityCatalog catalog;
    private final Function<BoundaryObject.Stack, Optional<Expectations>> expectations;

    /**
     * @param expectations the expectations file that applies to records of a stack, if any
     */
    public FenceMapBuilder(
            CapabilityCatalog catalog, Function<BoundaryObject.Stack, Optional<Expectations>> expectations) {
        this.catalog = catalog;
        this.expectations = expectations;
    }

    public FenceMap build(List<String> sources, List<RecordLine> records) {
        Set<StackIdentity> distinct = new TreeSet<>(StackIdentity.ORDER);
        records.forEach(l -> distinct.add(StackIdentity.of(l.record().stack())));
        List<StackIdentity> stackKeys = List.copyOf(distinct);
        Map<StackIdentity, Integer> stackIndex = new LinkedHashMap<>();
        stackKeys.forEach(k -> stackIndex.put(k, stackIndex.size()));

        List<MapRecord> placed = new ArrayList<>();
        List<String> expectationFiles = new ArrayList<>();
        stackKeys.forEach(k -> expectationFiles.add(null));
        for (RecordLine l : records) {
            BoundaryObject r = l.record();
            int stack = stackIndex.get(StackIdentity.of(r.stack()));
            Optional<Expectations> e = expectations.apply(r.stack());
            e.ifPresent(x -> expectationFiles.set(stack, x.source()));
            placed.add(new MapRecord(
                    placed.size(),
                    stack,
                    l,
                    e.flatMap(x -> x.find(r.probe().id(), r.run().mode())).orElse(null),
                    e.isPresent()));
        }

        List<List<String>> modes = new ArrayList<>();
        for (StackIdentity k : stackKeys) {
            modes.add(placed.stream()
                    .filter(p -> p.stack() == stackIndex.get(k))
                    .map(p -> p.record().run().mode())
                    .distinct()
                    .sorted(ExpectationsFormat.MODE_ORDER)
                    .toList());
        }

        Map<String, List<MapRecord>> byCapability = new LinkedHashMap<>();
        placed.forEach(p -> byCapability
                .computeIfAbsent(p.record().probe().primaryCapabilityId(), c -> new ArrayList<>())
                .add(p));

        List<FenceMap.RowGroup> groups = new ArrayList<>();
        Map<String, Integer> uncovered = new LinkedHashMap<>();
        for (String category : categoryOrder()) {
            for (String layer : catalog.layers()) {
                List<FenceMap.Row> rows = new ArrayList<>();
                for (Capability c : catalog.capabilities()) {
                    if (c.category().equals(category) && c.layer().equals(layer)) {
                        rows.add(row(
                                c.id(),
                                c.description(),
                                true,
                                c.platforms(),
                                byCapability,
                                stackKeys,
                                modes,
                                uncovered));
                    }
                }
                if (!rows.isEmpty()) {
                    groups.add(new FenceMap.RowGroup(
                            category, layer, catalog.categories().getOrDefault(category, ""), rows));
                }
            }
        }
        List<FenceMap.Row> outside = new ArrayList<>();
        for (Map.Entry<String, List<MapRecord>> e : byCapability.entrySet()) {
            if (!catalog.contains(e.getKey())) {
                BoundaryObject.CapabilitySnapshot snap =
                        e.getValue().get(0).record().capabilityContext().primary();
                outside.add(row(
                        e.getKey(),
                        "named by records (" + snap.category() + ", " + snap.layer() + ") but not in catalog "
                                + catalog.schemaVersion(),
                        false,
                        null,
                        byCapability,
                        stackKeys,
                        modes,
                        uncovered));
            }
        }
        if (!outside.isEmpty()) {
            groups.add(new FenceMap.RowGroup(OUTSIDE_CATALOG, "", "", outside));
        }

        List<FenceMap.StackColumns> columns = new ArrayList<>();
        for (StackIdentity k : stackKeys) {
            int i = stackIndex.get(k);
            List<MapRecord> mine = placed.stream().filter(p -> p.stack() == i).toList();
            Map<String, Integer> results = new LinkedHashMap<>();
            for (ObservedResult r : ObservedResult.values()) {
                results.put(r.id(), (int) mine.stream()
                        .filter(p -> p.record().result().observedResult() == r)
                        .count());
            }
            columns.add(new FenceMap.StackColumns(
                    i,
                    k,
                    modes.get(i),
                    expectationFiles.get(i),
                    mine.size(),
                    results,
                    (int) mine.stream().filter(MapRecord::drifted).count(),
                    (int) mine.stream().filter(MapRecord::unlisted).count(),
                    uncovered.getOrDefault(k.label(), 0)));
        }
        return new FenceMap(sources, columns, groups, placed, null, null);
    }

    /** The catalog's categories in declaration order, then any others capabilities use. */
    private List<String> categoryOrder() {
        Set<String> order = new LinkedHashSet<>(catalog.categories().keySet());
        catalog.capabilities().forEach(c -> order.add(c.category()));
        return List.copyOf(order);
    }

    private static FenceMap.Row row(
            String capabilityId,
            String description,
            boolean inCatalog,
            List<Platform> platforms,
            Map<String, List<MapRecord>> byCapability,
            List<StackIdentity> stacks,
            List<List<String>> modes,
            Map<String, Integer> uncovered) {
        List<MapRecord> mine = byCapability.getOrDefault(capabilityId, List.of());
        List<FenceMap.Cell> cells = new ArrayList<>();
        for (int s = 0; s < stacks.size(); s++) {
            int stack = s;
            boolean applies = platforms == null
                    || platforms.stream()
                            .anyMatch(p -> p.id().equals(stacks.get(stack).platform()));
            List<MapRecord> onStack =
                    mine.stream().filter(p -> p.stack() == stack).toList();
            if (applies && onStack.isEmpty()) {
                uncovered.merge(stacks.get(stack).label(), 1, Integer::sum);
            }
            for (String mode : modes.get(stack)) {
                List<MapRecord> here = onStack.stream()
                        .filter(p -> p.record().run().mode().equals(mode))
                        .sorted(Comparator.comparing(
                                (MapRecord p) -> p.record().probe().id()))
                        .toList();
                CellState state;
                if (!here.isEmpty()) {
                    Set<ObservedResult> results = new LinkedHashSet<>();
                    here.forEach(p -> results.add(p.record().result().observedResult()));
                    state = results.size() > 1
                            ? CellState.MIXED
                            : CellState.valueOf(results.iterator().next().name());
                } else if (!applies) {
                    state = CellState.NOT_APPLICABLE;
                } else {
                    state = onStack.isEmpty() ? CellState.UNCOVERED : CellState.NONE;
                }
                cells.add(new FenceMap.Cell(
                        stack,
                        mode,
                        state,
                        here.stream().map(MapRecord::index).toList(),
                        here.stream()
                                .map(p -> p.record().probe().id())
                                .distinct()
                                .toList(),
                        here.stream()
                                .map(p -> p.record().result().errno())
                                .filter(e -> e != null)
                                .distinct()
                                .toList(),
                        here.stream().anyMatch(MapRecord::drifted)));
            }
        }
        return new FenceMap.Row(capabilityId, description, inCatalog, !mine.isEmpty(), cells);
    }
}
