package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What bang and rattle do once their tests are selected: list them, or run them (repeatedly) and, with
 * {@code --record-expectations}, write the run's results as its stack's expectations.
 */
final class SelectionRun {

    private SelectionRun() {}

    /** @param list print the selected tests instead of running them */
    static int run(
            Invocation invocation, RunSetup setup, TestSelection selection, ExecutionOptions execution, boolean list) {
        CliIo io = invocation.io();
        MatrixRun run = new MatrixRun(io, selection, setup);
        if (list) {
            return run.list(false);
        }
        setup.prepareOutput();
        int exit = run.execute(execution.repeat);
        if (execution.recordExpectations == null || exit == ExitCodes.INTERRUPTED || exit == ExitCodes.CONFIGURATION) {
            return exit;
        }
        recordExpectations(io, run, execution.recordExpectations);
        return exit;
    }

    /** The expectations of this run's records (its own NDJSON files only), to {@code target} or the folder. */
    private static void recordExpectations(CliIo io, MatrixRun run, String target) {
        Optional<Path> file = target.isEmpty() ? Optional.empty() : Optional.of(CliIo.absolute(target));
        try {
            if (run.ndjsonFiles().isEmpty()) {
                throw CliException.configuration(
                        "the run wrote no NDJSON file: nothing to record expectations from", null);
            }
            // this run's files only: the output folder keeps earlier runs' files too
            var records = new dev.codexfence.engine.internal.ndjson.RecordReader()
                    .readAll(run.ndjsonFiles()).stream()
                            .map(dev.codexfence.record.RecordLine::record)
                            .toList();
            var recording = dev.codexfence.engine.internal.expect.ExpectationsRecorder.record(records);
            for (var written : new dev.codexfence.engine.internal.expect.ExpectationsWriter()
                    .write(
                            recording,
                            file,
                            dev.codexfence.engine.internal.expect.ExpectationsFolder.defaultDirectory(),
                            false)) {
                io.err()
                        .println("codex-fence: wrote expectations "
                                + TerminalText.line(String.valueOf(written.source())));
            }
            recording
                    .skipped()
                    .forEach(s -> io.err()
                            .println("codex-fence: not recorded (harness-made): "
                                    + TerminalText.line(String.valueOf(s))));
        } catch (dev.codexfence.engine.internal.expect.ExpectationsException
                | dev.codexfence.engine.internal.ndjson.BadRecordsException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
    }
}
