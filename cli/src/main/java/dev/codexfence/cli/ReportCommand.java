package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code codex-fence report OUT.html} ({@code --report OUT.html}): the fence map of NDJSON runs. */
@Command(
        name = ReportCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        aliases = {"--report"},
        header = "Write the fence map (one self-contained HTML file) of NDJSON files, or of standard input.",
        description = {
            "The capability x mode picture of the records, with their history across codex releases when they hold"
                    + " several (docs/fence-map.md).",
        },
        exitCodeList = {
            "0:the map was written",
            "2:bad input (every bad line is listed with file and line) or usage error",
            "3:the map or its expectations could not be read or written",
        },
        footer = {
            "%nExamples:",
            "  codex-fence report map.html run.ndjson",
            "  codex-fence bang | codex-fence report map.html",
        })
final class ReportCommand implements Callable<Integer> {

    static final String NAME = "report";

    @Parameters(index = "0", paramLabel = "OUT.html", description = "The HTML file to write.")
    Path out;

    @Parameters(
            index = "1..*",
            paramLabel = "FILE",
            arity = "0..*",
            description = "NDJSON inputs (default: standard input).")
    List<Path> files = new ArrayList<>();

    private final Invocation invocation;

    ReportCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        CliIo io = invocation.io();
        Path target = CliIo.absolute(out.toString());
        try {
            var report = dev.codexfence.engine.internal.report.FenceMapReport.withDefaults();
            Path written = files.isEmpty()
                    ? report.write(target, "<stdin>", io.in())
                    : report.write(target, CliIo.absolute(files));
            io.err().println("codex-fence: fence map written to " + TerminalText.line(written.toString()));
            return ExitCodes.OK;
        } catch (dev.codexfence.engine.internal.ndjson.BadRecordsException e) {
            e.problems().forEach(p -> io.err().println("codex-fence: " + TerminalText.line(p)));
            return ExitCodes.USAGE;
        } catch (dev.codexfence.engine.internal.expect.ExpectationsException | java.io.UncheckedIOException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
    }
}
