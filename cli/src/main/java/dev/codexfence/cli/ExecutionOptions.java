package dev.codexfence.cli;

import dev.codexfence.engine.internal.config.FenceConfiguration;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a run that executes probes: repetitions, timeout, output folder, parallelism and recording
 * expectations. A picocli mixin of bang and rattle.
 */
final class ExecutionOptions {

    /** The most repetitions of a run (each one writes its own NDJSON file). */
    static final int MAX_REPEAT = 1000;
    /** The most probe runs at the same time: the engine's bound (docs/engine.md says why). */
    static final int MAX_PARALLEL = FenceConfiguration.MAX_PARALLELISM;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Run the selection N times, 1 to 1000; the records of every repetition are streamed (default 1).")
    int repeat;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description =
                    "Per probe run timeout: greater than 0 and at most" + " 86400, decimals allowed (default 30).")
    String timeout;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Where the run's NDJSON file goes (default:"
                    + " reports in codex-fence's cache folder, ~/.cache/codex-fence/reports on Linux); its path is printed on"
                    + " stderr at the end. The folder is made private (0700); one another user owns, or that group or others"
                    + " may write, is refused.")
    Path output;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Run up to N probes at the same time, 1 to 64 (default 1). Records stream in completion order.")
    int parallel;

    @Option(
            names = "--record-expectations",
            paramLabel = "FILE",
            arity = "0..1",
            fallbackValue = "",
            description = "Write the run's results as the expectations of its stack, to FILE or to the expectations"
                    + " folder (docs/fence-map.md). The drift check is off for that run.")
    String recordExpectations;

    /**
     * Checks what picocli cannot express, before anything else is looked at: the bounds, and that expectations are
     * recorded from a run.
     *
     * @param list whether the command only lists its tests
     */
    void check(boolean list) {
        if (recordExpectations != null && list) {
            throw CliException.usage("--record-expectations needs a run, not --list");
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw CliException.usage(
                    "--repeat expects a whole number from 1 to " + MAX_REPEAT + " (got " + repeat + ")");
        }
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw CliException.usage("--parallel expects a whole number from 1 to " + MAX_PARALLEL + " (got " + parallel
                    + "): each parallel run holds a process tree, a workspace and its output buffers");
        }
    }
}
