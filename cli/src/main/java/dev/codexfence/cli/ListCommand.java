package dev.codexfence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codex-fence list}: the tests a bang or rattle would run, read from the discovered test plan. */
@Command(
        name = ListCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Print the tests a bang or rattle would run, one per line, without running them.",
        description = {
            "Without --cap, --tag or --probe the full matrix (what bang runs), with them what rattle runs, selected"
                    + " the same way. Each line: probe id, mode (coverage for a capability without a probe, contract"
                    + " for a probe breaking the probe contract), the codex release in a run over several,"
                    + " capability, a note (such as a probe skipped on this platform). The count goes to stderr.",
        },
        exitCodeList = {
            "0:the list was printed",
            "2:usage error: bad option value, unknown capability/probe id or mode, a --cap or --tag that selects no"
                    + " test",
            "3:configuration or catalog error",
        },
        footer = {
            "%nExamples:",
            "  codex-fence list --mode baseline,codex-sandbox",
            "  codex-fence list --cap cap_fs_read_workspace_tree --long    with each test's source and tags",
        })
final class ListCommand implements Callable<Integer> {

    static final String NAME = "list";

    @Mixin
    SelectionOptions selection;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--long",
            description =
                    "Also print each test's source (file:line) and its tags, the tags --cap" + " and --tag match.")
    boolean detailed;

    private final Invocation invocation;

    ListCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RunSetup setup = RunSetup.resolve(invocation.io(), engine, null);
        TestSelection tests = selection.isEmpty()
                ? TestSelection.wholeRoot(setup.root())
                : TestSelection.of(setup.root(), selection, setup.catalog());
        return new MatrixRun(invocation.io(), tests, setup).list(detailed);
    }
}
