package dev.codexfence.containment;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes of one run: how to start the run inside it, and after the run's first process exited, what is
 * still running and how to kill it. Not thread-safe: one runner thread uses it.
 */
public interface RunScope extends AutoCloseable {

    /** {@code argv} wrapped so that the first process is inside the scope before it can fork. */
    List<String> command(List<String> argv);

    /** Variables to add to the run's environment (empty for most mechanisms). */
    Map<String, String> environment();

    /** Called with the first process right after it started and then every poll while it runs. */
    void observe(Process process);

    /**
     * Throws when the wrapper of {@link #command} could not put the process into the scope (the run then never
     * started its command): {@code exitCode} and {@code stderr} are the run's.
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
