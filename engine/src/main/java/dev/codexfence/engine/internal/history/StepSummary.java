package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.stack.Release;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What changed between two releases of a host line.
 *
 * @param adjacent whether {@code to} follows {@code from} directly in the line's releases; otherwise the changed
 *     cells were not observed in the releases between
 * @param cells the cells that changed at this step
 * @param groups those cells grouped by operation and transition, largest group first
 */
@API(status = INTERNAL, since = "0.1")
public record StepSummary(
        Release from, Release to, boolean adjacent, List<CellHistory> cells, List<ChangeGroup> groups) {

    public StepSummary {
        cells = List.copyOf(cells);
        groups = List.copyOf(groups);
    }

    /**
     * Changed cells of one kind: the same operation ({@code operation.category} and {@code verb}) going through
     * the same transition, e.g. 9 × {@code fs write}: {@code denied EACCES → denied EROFS}.
     */
    public record ChangeGroup(
            String category,
            String verb,
            MergedRecords.Outcome before,
            MergedRecords.Outcome after,
            List<CellHistory> cells) {

        public ChangeGroup {
            cells = List.copyOf(cells);
        }

        public ChangeDirection direction() {
            return ChangeDirection.of(before, after);
        }

        /** {@code fs write: denied EACCES → denied EROFS (errno only)}. */
        public String describe() {
            return category + " " + verb + ": " + before.text() + " → " + after.text() + " ("
                    + direction().words() + ")";
        }
    }

    /** How many changed cells went each way. */
    public java.util.Map<ChangeDirection, Integer> directions() {
        java.util.Map<ChangeDirection, Integer> counts = new java.util.EnumMap<>(ChangeDirection.class);
        groups.forEach(g -> counts.merge(g.direction(), g.cells().size(), Integer::sum));
        return counts;
    }
}
