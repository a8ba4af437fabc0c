package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** What a matrix cell shows; its id is the cell's {@code data-result}. */
@API(status = INTERNAL, since = "0.1")
public enum CellState {
    SUCCESS,
    DENIED,
    PARTIAL,
    ERROR,
    /** The capability's probes disagree in this mode. */
    MIXED,
    /** The capability has records on this stack, but none in this mode. */
    NONE,
    /** The capability applies to this stack's platform and has no record at all on it. */
    UNCOVERED,
    /** The capability does not apply to this stack's platform. */
    NOT_APPLICABLE;

    public String id() {
        return this == NOT_APPLICABLE ? "n-a" : name().toLowerCase(Locale.ROOT);
    }
}
