package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one message on stderr, a pointer to the command's help, exit 2. An option
 * that belongs to another command says which ({@code --json goes with diff or history, not report}), a command
 * without options or arguments says so, and a command line without a command lists the commands.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    private final PrintStream err;
    private final LegacySpellings spellings;
    private final boolean legacy;

    UsageErrors(PrintStream err, LegacySpellings spellings, boolean legacy) {
        this.err = err;
        this.spellings = spellings;
        this.legacy = legacy;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e instanceof UnmatchedArgumentException u ? unmatched(u, command) : e.getMessage();
        err.println("codex-fence: " + TerminalText.lines(message));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for "
                + (command.getParent() == null ? "the commands and options." : "its options."));
        return ExitCodes.USAGE;
    }

    private String unmatched(UnmatchedArgumentException e, CommandLine command) {
        List<String> options = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (String arg : e.getUnmatched()) {
            (arg.startsWith("-") && arg.length() > 1 ? options : arguments).add(arg);
        }
        boolean root = command.getParent() == null;
        String self = root ? "codex-fence" : spellings.spell(command.getCommandName(), legacy);
        if (!options.isEmpty()) {
            String option = nameOf(options.get(0));
            List<String> owners = owners(command, option);
            if (root && (!owners.isEmpty() || !e.getMessage().startsWith("Unknown option"))) {
                return spellings.chooseOne()
                        + (owners.isEmpty() ? "" : " (" + option + " goes with " + or(owners) + ")");
            }
            if (!root && takesNothing(command.getCommandSpec())) {
                return self + " takes no other option (got "
                        + String.join(
                                ", ", options.stream().map(UsageErrors::nameOf).toList()) + ")";
            }
            if (!owners.isEmpty()) {
                return option + " goes with " + or(owners) + ", not " + self;
            }
            return e.getMessage();
        }
        if (root) {
            return spellings.chooseOne() + " (got " + String.join(" ", arguments) + ")";
        }
        if (command.getCommandSpec().positionalParameters().isEmpty()) {
            return self + " takes no files or other arguments (got " + String.join(" ", arguments) + "); only "
                    + spellings.spell(DiffCommand.NAME, legacy) + ", " + spellings.spell(HistoryCommand.NAME, legacy)
                    + " and " + spellings.spell(ReportCommand.NAME, legacy) + " read NDJSON files";
        }
        return e.getMessage();
    }

    /** The other commands that have {@code option}, as messages name them. */
    private List<String> owners(CommandLine command, String option) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        List<String> owners = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())
                    && sub != command
                    && sub.getCommandSpec().findOption(option) != null
                    && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                owners.add(spellings.spell(name, legacy));
            }
        });
        return owners;
    }

    /** Whether a command has no option but help and version, and no arguments. */
    private static boolean takesNothing(CommandSpec spec) {
        return spec.positionalParameters().isEmpty()
                && spec.options().stream().allMatch(o -> o.usageHelp() || o.versionHelp());
    }

    private static String or(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** {@code --json=x} names {@code --json}. */
    private static String nameOf(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 2 ? arg.substring(0, eq) : arg;
    }
}
