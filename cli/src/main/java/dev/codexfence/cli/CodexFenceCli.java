package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The codex-fence command line: the {@code codex-fence} command ({@link CliOptions}) with one picocli subcommand per
 * command, the original tool's command flags ({@code --bang}, {@code --rattle}, …) as their aliases
 * ({@link LegacySpellings}), and the exit codes and messages of {@code --help}.
 */
final class CodexFenceCli {

    private final CliIo io;

    CodexFenceCli(CliIo io) {
        this.io = io;
    }

    /** Runs one invocation and returns its exit code; never calls System.exit. */
    int run(String... args) {
        Invocation invocation = new Invocation(io);
        CommandLine cl = commandLine(invocation);
        LegacySpellings spellings = LegacySpellings.of(cl);
        LegacySpellings.Translation translation;
        try {
            translation = spellings.translate(List.of(args), valueCounts(cl));
        } catch (CliException e) {
            return fail(e, "codex-fence");
        }
        invocation.spelled(spellings, translation.legacy());
        cl.setParameterExceptionHandler(new UsageErrors(io.err(), spellings, translation.legacy()));
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof CliException c) {
                return fail(c, command.getCommandSpec().qualifiedName());
            }
            if (e instanceof IOException) {
                io.err().println("codex-fence: " + TerminalText.lines(String.valueOf(e.getMessage())));
                return ExitCodes.CONFIGURATION;
            }
            throw e;
        });
        int exit = cl.execute(translation.args().toArray(String[]::new));
        cl.getOut().flush();
        io.out().flush();
        return exit;
    }

    /**
     * The command tree, its help and its version on stdout (help is asked for, so it is the output), colours off, options
     * given twice allowed (the last wins).
     */
    static CommandLine commandLine(Invocation invocation) {
        CommandLine cl = new CommandLine(new CliOptions());
        cl.addSubcommand(new BangCommand(invocation));
        cl.addSubcommand(new RattleCommand(invocation));
        cl.addSubcommand(new ListCommand(invocation));
        cl.addSubcommand(new ListenCommand(invocation));
        cl.addSubcommand(new DiffCommand(invocation));
        cl.addSubcommand(new HistoryCommand(invocation));
        cl.addSubcommand(new ReportCommand(invocation));
        cl.addSubcommand(new CommandLine.HelpCommand());
        for (CommandLine sub : cl.getSubcommands().values()) {
            var usage = sub.getCommandSpec().usageMessage();
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                usage.headerHeading("%n")
                        .synopsisHeading("%nUsage: ")
                        .descriptionHeading("%n")
                        .parameterListHeading("%nArguments:%n")
                        .optionListHeading("%nOptions:%n")
                        .exitCodeListHeading("%nExit codes:%n");
            }
        }
        cl.setOverwrittenOptionsAllowed(true);
        cl.setUsageHelpWidth(100);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(invocation.io().out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(invocation.io().err(), StandardCharsets.UTF_8), true));
        return cl;
    }

    /** How many values each option name of every command takes at least: the translation skips over them. */
    private static java.util.function.ToIntFunction<String> valueCounts(CommandLine cl) {
        Map<String, Integer> values = new HashMap<>();
        for (CommandLine command : cl.getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    values.merge(name, option.arity().min(), Math::max);
                }
            }
        }
        return name -> values.getOrDefault(name, 0);
    }

    private int fail(CliException e, String command) {
        io.err().println("codex-fence: " + TerminalText.lines(e.getMessage()));
        if (e.exitCode() == ExitCodes.USAGE && e.getMessage().startsWith("choose")) {
            io.err().println("Try '" + command + " --help' for the commands and options.");
        }
        return e.exitCode();
    }
}
