package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/** The differences of the probes of one capability. */
@API(status = INTERNAL, since = "0.1")
public record CapabilityDiff(String capabilityId, List<DiffEntry> entries) {

    public CapabilityDiff {
        entries = List.copyOf(entries);
    }
}
