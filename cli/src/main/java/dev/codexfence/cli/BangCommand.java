package dev.codexfence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codex-fence bang} ({@code --bang}, {@code -b}): the full matrix of the probe root. */
@Command(
        name = BangCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--bang", "-b"},
        header = "Run the full matrix: every probe of the probe root in every mode, and a coverage test per"
                + " capability without a probe.",
        description = {
            "The tests mvn test runs over the same probe root (its directory selector), so"
                    + " `codex-fence bang` and `mvn test -pl probes` run the same probe x mode tests."
                    + " Records stream to stdout as NDJSON; everything else goes to stderr.",
        },
        exitCodeList = {
            "0:every probe run honoured its contract (skipped runs do not count)",
            "1:some probe broke its contract or a capability has no probe (a failed test)",
            "2:usage error: bad option value, unknown mode or codex-fence.* key",
            "3:configuration or catalog error",
            "130:interrupted (Ctrl-C, SIGTERM): running probes are killed, records so far are flushed",
        },
        footer = {
            "%nExamples:",
            "  codex-fence bang > run.ndjson",
            "  codex-fence bang --list                              what it would run",
            "  codex-fence bang --probes ./my-probes --catalog ./my-catalog.json --timeout 10 --parallel 4",
            "  codex-fence bang --codex-version 0.80.0,0.171.0 --shard 2/4    releases side by side, part 2 of 4",
            "  codex-fence bang -c codex-fence.coverage.missing=skip --record-expectations",
        })
final class BangCommand implements Callable<Integer> {

    static final String NAME = "bang";

    @Mixin
    EngineOptions engine;

    @Mixin
    ExecutionOptions execution;

    @Option(
            names = "--list",
            description = "Print what would run (probe id, mode, capability), as `codex-fence list`"
                    + " does, without running it.")
    boolean list;

    private final Invocation invocation;

    BangCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        execution.check(list);
        RunSetup setup = RunSetup.resolve(invocation.io(), engine, execution);
        return SelectionRun.run(invocation, setup, TestSelection.wholeRoot(setup.root()), execution, list);
    }
}
