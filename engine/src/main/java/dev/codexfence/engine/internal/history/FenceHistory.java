package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The history of the fence in a set of records: one {@link LineHistory} per host line.
 *
 * @param sources the inputs' names
 * @param records how many records were read
 * @param duplicates how many collapsed into an earlier record that agreed with them
 * @param lines the host lines, by label
 */
@API(status = INTERNAL, since = "0.1")
public record FenceHistory(List<String> sources, int records, int duplicates, List<LineHistory> lines) {

    /** The exit status with no change and no conflict. */
    public static final int UNCHANGED = 0;
    /** The exit status when an observation changed across releases, or records disagree. */
    public static final int CHANGED = 1;
    /** The exit status for inputs that are not cfbo-v1 NDJSON. */
    public static final int BAD_INPUT = 2;

    public FenceHistory {
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
    }

    public boolean changed() {
        return lines.stream().anyMatch(l -> !l.changed().isEmpty());
    }

    public int conflicts() {
        return lines.stream().mapToInt(l -> l.conflicted().size()).sum();
    }

    /** Whether some host line holds more than one release. */
    public boolean hasHistory() {
        return lines.stream().anyMatch(LineHistory::hasHistory);
    }

    /** {@link #UNCHANGED} or {@link #CHANGED}. */
    public int exitStatus() {
        return changed() || conflicts() > 0 ? CHANGED : UNCHANGED;
    }
}
