package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One probe × mode along the releases of a host line.
 *
 * @param category {@code operation.category} of its newest record ({@code fs}, {@code network}, …)
 * @param verb {@code operation.verb} of that record ({@code write}, {@code connect}, …)
 * @param observations one per release of the line, in release order
 * @param changes where the observation changed, in release order
 */
@API(status = INTERNAL, since = "0.1")
public record CellHistory(
        String probeId,
        String mode,
        String capabilityId,
        String category,
        String verb,
        List<CellObservation> observations,
        List<CellChange> changes) {

    public CellHistory {
        observations = List.copyOf(observations);
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** Whether some release's records disagree about this cell. */
    public boolean conflicted() {
        return observations.stream().anyMatch(o -> o.state() == CellObservation.State.CONFLICT);
    }

    /** {@code fs_write_home_scratch [codex-sandbox]}. */
    public String name() {
        return probeId + " [" + mode + "]";
    }
}
