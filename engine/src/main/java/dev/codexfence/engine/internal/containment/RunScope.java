package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The processes of one run: how to start the run inside it, and after the run's first process exited, what is
 * still running and how to kill it. Not thread-safe: one runner thread uses it.
 */
@API(status = INTERNAL, since = "0.1")
public interface RunScope extends AutoCloseable {

    /**
     * Starts the run's first process, inside the scope before it can fork. {@link IOException}: it could not be
     * started.
     */
    Process start(Launch launch) throws IOException;

    /** Called every poll while the first process runs (a look at its descendants, where that is needed). */
    void observe(Process process);

    /**
     * Throws when the process {@link #start} gave could not be put into the scope or could not start the
     * command (the run then never started its command): {@code exitCode} and {@code stderr} are the run's.
     */
    void checkEntered(int exitCode, byte[] stderr) throws IOException;

    /**
     * The ids of the run's processes that can still run code, now: zombies (dead, not yet reaped by their
     * parent) and processes already in the kernel's exit path are not counted.
     */
    Set<Long> stillRunning();

    /** Kills everything in the scope, until it is empty (bounded). */
    void killAll();

    /** Kills what is left and removes what the scope made. Never throws. */
    @Override
    void close();
}
