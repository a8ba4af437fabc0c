package dev.codexfence.engine;

import java.io.IOException;

/**
 * One part of what the engine reports once its run is over (the session closed, the NDJSON file complete): the
 * engine node calls its observers in order. An observer publishes through the {@link EngineReport} (report entries
 * on the engine node, which the CLI prints and Open Test Reporting keeps) and fails the run through it; it never
 * prints. An exception it throws fails the engine node with its message, and the next observer still runs.
 */
interface RunObserver {

    void runFinished(FinishedRun run, EngineReport report) throws IOException;
}
