package dev.codexfence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codex-fence rattle} ({@code --rattle}, {@code -r}): the tests of some capabilities, tags or probes. */
@Command(
        name = RattleCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--rattle", "-r"},
        header = "Run part of the matrix: the tests of some capabilities, tag expressions or probes.",
        description = {
            "--cap and --tag select as mvn test -Dgroups does: the probe root filtered by the engine's tags, so"
                    + " `codex-fence rattle --cap X` runs exactly the tests `mvn test -Dgroups=X` runs: every probe"
                    + " that exercises X as its primary or a secondary capability, in each mode, and X's coverage"
                    + " test (which fails) when no probe has X as its primary capability. --probe selects a probe's"
                    + " file: that probe in each mode. At least one of them is needed; with several, a test any of"
                    + " them selects runs.",
        },
        exitCodeList = {
            "0:every selected probe run honoured its contract (skipped runs do not count)",
            "1:some probe broke its contract, or a selected capability has no probe (its coverage test)",
            "2:usage error: bad option value, unknown capability/probe id, mode or codex-fence.* key, a probe id"
                    + " leaving the probe root, a --cap or --tag that selects no test",
            "3:configuration or catalog error",
            "130:interrupted (Ctrl-C, SIGTERM): running probes are killed, records so far are flushed",
        },
        footer = {
            "%nExamples:",
            "  codex-fence rattle --cap cap_fs_write_user_home      = mvn test -pl probes -Dgroups=cap_fs_write_user_home",
            "  codex-fence rattle --tag 'network & codex-sandbox'   = mvn test -pl probes -Dgroups='network & codex-sandbox'",
            "  codex-fence rattle --probe fs_read_etc_hosts --mode baseline --mode codex-sandbox",
            "  codex-fence rattle --probe fs_write_tmp_scratch --repeat 5 --mode baseline",
            "  codex-fence rattle --cap cap_fs_read_workspace_tree --list    what it would run",
        })
final class RattleCommand implements Callable<Integer> {

    static final String NAME = "rattle";

    @Mixin
    SelectionOptions selection;

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

    RattleCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if (selection.isEmpty()) {
            throw CliException.usage(
                    invocation.spell(NAME) + " needs at least one --cap ID or --probe ID (or --tag EXPR)");
        }
        execution.check(list);
        RunSetup setup = RunSetup.resolve(invocation.io(), engine, execution);
        return SelectionRun.run(
                invocation, setup, TestSelection.of(setup.root(), selection, setup.catalog()), execution, list);
    }
}
