package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.stack.Release;
import org.apiguardian.api.API;

/**
 * An observation that changed: the cell showed {@code before} with release {@code from} and {@code after} with
 * {@code to}, the next release in which it was observed (releases in between, if any, did not observe it).
 */
@API(status = INTERNAL, since = "0.1")
public record CellChange(Release from, Release to, MergedRecords.Outcome before, MergedRecords.Outcome after) {

    public ChangeDirection direction() {
        return ChangeDirection.of(before, after);
    }

    /** {@code denied EACCES → denied EROFS}. */
    public String transition() {
        return before.text() + " → " + after.text();
    }
}
