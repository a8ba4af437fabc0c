package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.StackIdentity;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What differs between two sets of records.
 *
 * @param before the old side
 * @param after the new side
 * @param pairedByStack whether records were paired per stack or host line (an input mixes hosts or releases), or
 *     by probe and mode only
 * @param acrossReleases when the sides are different releases of the same hosts, the release each host line
 *     went from and to (records are then paired across those releases); empty otherwise
 * @param capabilities the differences grouped by capability, sorted by capability id
 * @param unchanged how many pairs are the same
 */
@API(status = INTERNAL, since = "0.1")
public record RunDiff(
        Side before,
        Side after,
        boolean pairedByStack,
        List<ReleaseStep> acrossReleases,
        List<CapabilityDiff> capabilities,
        int unchanged) {

    /** The CLI's exit status for equal inputs. */
    public static final int EQUAL = 0;
    /** The CLI's exit status for different inputs. */
    public static final int DIFFERENT = 1;
    /** The CLI's exit status for inputs that are not cfbo-v1 NDJSON. */
    public static final int BAD_INPUT = 2;

    /**
     * One side of the comparison.
     *
     * @param sources the inputs' names
     * @param records how many records they hold
     * @param stacks their distinct stacks, sorted
     */
    public record Side(List<String> sources, int records, List<StackIdentity> stacks) {

        public Side {
            sources = List.copyOf(sources);
            stacks = List.copyOf(stacks);
        }
    }

    public RunDiff {
        acrossReleases = List.copyOf(acrossReleases);
        capabilities = List.copyOf(capabilities);
    }

    public List<DiffEntry> entries() {
        return capabilities.stream().flatMap(c -> c.entries().stream()).toList();
    }

    public long count(DiffEntry.Kind kind) {
        return entries().stream().filter(e -> e.kind() == kind).count();
    }

    public boolean equal() {
        return capabilities.isEmpty();
    }

    /** {@link #EQUAL} or {@link #DIFFERENT}. */
    public int exitStatus() {
        return equal() ? EQUAL : DIFFERENT;
    }
}
