package dev.codexfence.engine.internal.stack;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.record.BoundaryObject;
import java.util.Comparator;
import org.apiguardian.api.API;

/**
 * A host as records tell hosts apart, whatever codex release ran there: platform, {@code uname -srm} and the
 * user id; the {@link StackIdentity} without its release. A history of the fence runs along one host line,
 * release after release; records of other hosts, kernels or users are other lines. Two machines with the same
 * triple cannot be told apart.
 *
 * @param uid the user the probes ran as; null where the record has none
 */
@API(status = INTERNAL, since = "0.1")
public record HostLine(String platform, String os, Integer uid) {

    public static final Comparator<HostLine> ORDER = Comparator.comparing(HostLine::label);

    public static HostLine of(BoundaryObject.Stack stack) {
        return new HostLine(stack.platform(), stack.os(), stack.uid());
    }

    /** {@code linux · Linux 6.18.44 x86_64 · uid 0}. */
    public String label() {
        return platform + " · " + os + (uid == null ? "" : " · uid " + uid);
    }
}
