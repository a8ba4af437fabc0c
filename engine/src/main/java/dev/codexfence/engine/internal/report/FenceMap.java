package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.history.FenceHistory;
import dev.codexfence.engine.internal.stack.StackIdentity;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The capability × mode matrix of a set of records, ready to render: column groups per stack, rows per
 * capability grouped by category and layer, and the records the cells point to; when the records hold more than
 * one release of a host, also their history (the page's history view).
 *
 * @param history the history of the records, shown when some host line holds several releases; null for none
 * @param merging what merging the inputs did (duplicates collapsed, records that disagree); null when not merged
 */
@API(status = INTERNAL, since = "0.1")
public record FenceMap(
        List<String> sources,
        List<StackColumns> stacks,
        List<RowGroup> groups,
        List<MapRecord> records,
        FenceHistory history,
        Merging merging) {

    public FenceMap {
        sources = List.copyOf(sources);
        stacks = List.copyOf(stacks);
        groups = List.copyOf(groups);
        records = List.copyOf(records);
    }

    /**
     * What merging the inputs did.
     *
     * @param records the records read
     * @param duplicates those that collapsed into an earlier record that agreed with them (not shown)
     * @param conflicts the probe × mode × stack whose records disagree, described (all their records are shown)
     */
    public record Merging(int records, int duplicates, List<String> conflicts) {

        public Merging {
            conflicts = List.copyOf(conflicts);
        }
    }

    public FenceMap withHistory(FenceHistory newHistory, Merging newMerging) {
        return new FenceMap(sources, stacks, groups, records, newHistory, newMerging);
    }

    /** Whether the page shows the history view. */
    public boolean showsHistory() {
        return history != null && history.hasHistory();
    }

    /**
     * One stack's column group.
     *
     * @param expectations the expectations file applied to its records, or null
     * @param uncovered capabilities of its platform without any record
     */
    public record StackColumns(
            int index,
            StackIdentity key,
            List<String> modes,
            String expectations,
            int records,
            java.util.Map<String, Integer> results,
            int drifted,
            int unlisted,
            int uncovered) {}

    /** Capabilities of one category and layer, in catalog order. */
    public record RowGroup(String category, String layer, String description, List<Row> rows) {}

    /**
     * One capability.
     *
     * @param inCatalog false for capabilities that records name but the catalog lacks
     * @param cells one per stack × mode, stacks in order, then modes in order
     */
    public record Row(String capabilityId, String description, boolean inCatalog, boolean covered, List<Cell> cells) {}

    /**
     * One capability × mode on one stack.
     *
     * @param records indexes into {@link FenceMap#records()}
     * @param errnos the distinct errnos of those records
     */
    public record Cell(
            int stack,
            String mode,
            CellState state,
            List<Integer> records,
            List<String> probes,
            List<String> errnos,
            boolean drifted) {}
}
