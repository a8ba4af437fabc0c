package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One probe × mode (× stack) that differs between the inputs.
 *
 * @param kind what happened to it
 * @param probeId the probe
 * @param mode the run mode
 * @param stack the stack, when records are paired per stack; null otherwise
 * @param before the old record; null when it appeared
 * @param after the new record; null when it disappeared
 * @param changes the differing fields of a changed record; empty otherwise
 */
@API(status = INTERNAL, since = "0.1")
public record DiffEntry(
        Kind kind,
        String probeId,
        String mode,
        StackIdentity stack,
        RecordLine before,
        RecordLine after,
        List<FieldChange> changes) {

    public enum Kind {
        APPEARED,
        DISAPPEARED,
        CHANGED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DiffEntry {
        changes = List.copyOf(changes);
    }

    /** The capability the probe exercises (from the newer record when there is one). */
    public String capabilityId() {
        return (after != null ? after : before).record().probe().primaryCapabilityId();
    }

    /** Whether the fence decided otherwise: {@code observed_result} or {@code errno} changed. */
    public boolean decisionChanged() {
        return changes.stream().anyMatch(c -> !c.field().equals("message"));
    }

    /** {@code denied EROFS}, or {@code -} for no record. */
    static String outcome(RecordLine line) {
        if (line == null) {
            return "-";
        }
        BoundaryObject.Result r = line.record().result();
        return r.errno() == null ? r.observedResult().id() : r.observedResult().id() + " " + r.errno();
    }
}
