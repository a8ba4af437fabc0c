package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codex-fence diff} ({@code --diff}): what moved between two runs, or between two codex releases. */
@Command(
        name = DiffCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--diff"},
        header = "Compare two NDJSON runs OLD NEW: what appeared, disappeared and changed, grouped by capability.",
        description = {
            "With --between OLD_RELEASE NEW_RELEASE: the records of two codex releases among any number of NDJSON"
                    + " files, host by host, duplicates merged as history merges them.",
        },
        exitCodeList = {
            "0:no change",
            "1:a change",
            "2:bad input (every bad line is listed with file and line) or usage error",
        },
        footer = {
            "%nExamples:",
            "  codex-fence diff yesterday.ndjson today.ndjson",
            "  codex-fence diff --between 0.80.0 0.120.0 shards/*.ndjson   two releases among many runs",
        })
final class DiffCommand implements Callable<Integer> {

    static final String NAME = "diff";

    @Option(
            names = "--between",
            arity = "2",
            paramLabel = "RELEASE",
            description = "Compare the records of two codex"
                    + " releases (OLD NEW, e.g. --between 0.80.0 0.120.0) among any number of NDJSON files, host by host,"
                    + " duplicates merged as history merges them.")
    List<String> between = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "OLD NEW, or with --between any number of NDJSON" + " files.")
    List<Path> files = new ArrayList<>();

    private final Invocation invocation;

    DiffCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CliIo io = invocation.io();
        String diff = invocation.spell(NAME);
        var command = new dev.codexfence.engine.internal.diff.DiffCommand();
        if (!between.isEmpty()) {
            if (files.isEmpty()) {
                throw CliException.usage(diff + " --between " + String.join(" ", between)
                        + " takes the NDJSON files that hold both releases");
            }
            if (between.get(0).equals(between.get(1))) {
                throw CliException.usage("--between names one release twice (" + TerminalText.line(between.get(0))
                        + "): name the old and the new release");
            }
            return command.between(between.get(0), between.get(1), CliIo.absolute(files), json, io.out(), io.err());
        }
        if (files.size() != 2) {
            throw CliException.usage(diff + " takes two NDJSON files, OLD and NEW (got " + files.size() + "),"
                    + " or --between OLD_RELEASE NEW_RELEASE and any number of files");
        }
        List<Path> both = CliIo.absolute(files);
        return command.run(both.get(0), both.get(1), json, io.out(), io.err());
    }
}
