package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.expect.ExpectedOutcome;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import org.apiguardian.api.API;

/**
 * One record placed on the map.
 *
 * @param index its position in the page's embedded records
 * @param stack the index of its stack column group
 * @param line the record with its JSON (embedded in the page)
 * @param expected what the applicable expectations file expects; null when no file applies or it lists nothing
 * @param expectationsApply whether an expectations file applies to the record's stack
 */
@API(status = INTERNAL, since = "0.1")
public record MapRecord(int index, int stack, RecordLine line, ExpectedOutcome expected, boolean expectationsApply) {

    public BoundaryObject record() {
        return line.record();
    }

    public boolean drifted() {
        return expected != null && !expected.admits(record().result());
    }

    /** An expectations file applies, but lists nothing for this probe × mode. */
    public boolean unlisted() {
        return expectationsApply && expected == null;
    }
}
