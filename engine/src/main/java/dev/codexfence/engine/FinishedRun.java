package dev.codexfence.engine;

import dev.codexfence.record.BoundaryObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A run that is over, as its {@link RunObserver}s see it.
 *
 * @param ndjson the run's NDJSON file, complete
 * @param records every record of the file (probe runs, harness-made and preflight records), in its order
 * @param probeRoots the folders holding the run's probes
 */
record FinishedRun(Path ndjson, List<BoundaryObject> records, Set<Path> probeRoots) {

    FinishedRun {
        records = List.copyOf(records);
        probeRoots = Set.copyOf(probeRoots);
    }
}
