package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;

/**
 * Where the processes of each run are held so that the harness finds and kills everything a run started, even
 * a process that left the run's process group and session. One per run session; {@link #begin()} gives one
 * {@link RunScope} per process run.
 *
 * <p>{@link #forSession()} picks the strongest mechanism this host allows (docs/guarantees.md, "Escaped
 * processes"): a cgroup v2 of the session's own with one child cgroup per run ({@link CgroupContainment}), else
 * a scan of /proc for the run's process group and for processes carrying the run's token in their environment
 * ({@link ProcessScanContainment}); without /proc, only the descendants seen while the run went on.
 */
@API(status = INTERNAL, since = "0.1")
public interface Containment extends AutoCloseable {

    /** Prepares one process run. */
    RunScope begin() throws IOException;

    /** Which mechanism this is and where, for diagnostics ("cgroup v2 /sys/fs/cgroup/…"). */
    String mechanism();

    /** Kills whatever is still held, removes what the containment made. Never throws. */
    @Override
    void close();

    /** A cgroup where one can be made, else the /proc scan. */
    static Containment forSession() {
        CgroupContainment.Attempt cgroup = CgroupContainment.open();
        return cgroup.containment()
                .<Containment>map(c -> c)
                .orElseGet(() -> new ProcessScanContainment(cgroup.reason()));
    }
}
