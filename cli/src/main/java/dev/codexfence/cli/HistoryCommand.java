package dev.codexfence.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codex-fence history} ({@code --history}): what each codex release changed, from runs of several. */
@Command(
        name = HistoryCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--history"},
        header = "Print, per host, where each probe x mode's result or errno changed between codex releases.",
        description = {
            "Reads NDJSON files (or standard input) of runs with several codex releases, hosts and shards, merged,"
                    + " and prints the changes with a summary per release step.",
        },
        exitCodeList = {
            "0:no change",
            "1:changes, or records of one release that disagree",
            "2:bad input (every bad line is listed with file and line) or usage error",
        },
        footer = {
            "%nExamples:",
            "  codex-fence history shards/*.ndjson",
            "  cat shards/*.ndjson | codex-fence history --json",
        })
final class HistoryCommand implements Callable<Integer> {

    static final String NAME = "history";

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "NDJSON inputs (default: standard input).")
    List<Path> files = new ArrayList<>();

    private final Invocation invocation;

    HistoryCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CliIo io = invocation.io();
        var command = new dev.codexfence.engine.internal.history.HistoryCommand();
        if (files.isEmpty()) {
            if (io.terminal().stdinTerminal()) {
                throw CliException.usage(invocation.spell(NAME) + " reads NDJSON files, or standard input: name the"
                        + " files (codex-fence " + invocation.spell(NAME) + " runs/*.ndjson)");
            }
            return command.run("<stdin>", io.in(), json, io.out(), io.err());
        }
        return command.run(CliIo.absolute(files), json, io.out(), io.err());
    }
}
