package dev.codexfence.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code codex-fence listen} ({@code --listen}, {@code -l}): a human summary of cfbo-v1 NDJSON on stdin. */
@Command(
        name = ListenCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--listen", "-l"},
        header = "Read cfbo-v1 NDJSON on stdin and print a human summary; bad lines are reported with their line"
                + " number.",
        description = {
            "The summary: totals, distinct probes, counts per observed result and per mode (and per stack, for runs"
                    + " of several hosts), the bad lines, then one block per record. Record fields are shown with"
                    + " control characters escaped.",
        },
        exitCodeList = {
            "0:every non-blank line was a valid cfbo-v1 record",
            "1:a line was not a valid cfbo-v1 record",
            "2:usage error (such as standard input being a terminal)",
        },
        footer = {
            "%nExamples:",
            "  codex-fence bang | codex-fence listen",
            "  codex-fence listen < run.ndjson; echo $?    1 when a line is not a cfbo-v1 record",
        })
final class ListenCommand implements Callable<Integer> {

    static final String NAME = "listen";

    private final Invocation invocation;

    ListenCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws IOException {
        CliIo io = invocation.io();
        if (io.terminal().stdinTerminal()) {
            String bang = invocation.spell(BangCommand.NAME);
            String listen = invocation.spell(NAME);
            io.err()
                    .println("codex-fence " + listen + " reads NDJSON on stdin, e.g. codex-fence " + bang
                            + " | codex-fence " + listen);
            return ExitCodes.USAGE;
        }
        return new ListenSummary().run(io.in(), io.out());
    }
}
