package dev.codexfence.engine.internal.diff;

import java.util.List;

/** The differences of the probes of one capability. */
public record CapabilityDiff(String capabilityId, List<DiffEntry> entries) {

    public CapabilityDiff {
        entries = List.copyOf(entries);
    }
}
