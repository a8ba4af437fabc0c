package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.HostLine;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The history of one host line: its releases in version order, every probe × mode observed on it, and the
 * release steps with their changes (adjacent steps first, in release order, then steps across releases that
 * did not observe the changed cells).
 *
 * @param cells every probe × mode, by capability id, probe id and mode
 */
@API(status = INTERNAL, since = "0.1")
public record LineHistory(
        HostLine host, List<ReleaseColumn> releases, List<CellHistory> cells, List<StepSummary> steps) {

    public LineHistory {
        releases = List.copyOf(releases);
        cells = List.copyOf(cells);
        steps = List.copyOf(steps);
    }

    public List<CellHistory> changed() {
        return cells.stream().filter(CellHistory::changed).toList();
    }

    public List<CellHistory> conflicted() {
        return cells.stream().filter(CellHistory::conflicted).toList();
    }

    /** Whether the line has more than one release, so that something could have changed. */
    public boolean hasHistory() {
        return releases.size() > 1;
    }
}
