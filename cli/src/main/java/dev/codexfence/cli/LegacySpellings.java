package dev.codexfence.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/**
 * The original tool's command flags, kept as aliases of the subcommands: {@code --bang}/{@code -b},
 * {@code --rattle}/{@code -r}, {@code --listen}/{@code -l}, {@code --diff}, {@code --history} and
 * {@code --report OUT.html}. picocli knows them as aliases of their subcommand, which it recognises only in front
 * of the command line; {@link #translate} moves the one such flag a command line has to the front (with
 * {@code --report}'s value), wherever it stood: {@code --probes DIR --bang} becomes {@code --bang --probes DIR}.
 */
final class LegacySpellings {

    /**
     * A subcommand and the flags that name it (its aliases that start with a dash).
     *
     * @param command the subcommand's name
     * @param flags its flags, the long one first; none for a command the original tool did not have
     */
    record Spelling(String command, List<String> flags) {}

    /** The one flag that takes a value, {@code --report OUT.html}, which moves along with it. */
    static final String WITH_VALUE = "--report";

    private final List<Spelling> spellings;

    LegacySpellings(List<Spelling> spellings) {
        this.spellings = List.copyOf(spellings);
    }

    /** The spellings of {@code root}'s subcommands, in their order ({@code help} left out). */
    static LegacySpellings of(CommandLine root) {
        List<Spelling> all = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName()) && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                all.add(new Spelling(
                        name,
                        List.of(sub.getCommandSpec().aliases()).stream()
                                .filter(a -> a.startsWith("-"))
                                .sorted(Comparator.comparing(String::length).reversed())
                                .toList()));
            }
        });
        return new LegacySpellings(all);
    }

    /**
     * A command line in subcommand form.
     *
     * @param args the arguments for picocli
     * @param legacy whether the command was named by a flag of the original tool (messages then name commands so too)
     */
    record Translation(List<String> args, boolean legacy) {}

    /**
     * Moves the command flag of {@code args} to the front. Option values are skipped (so {@code -c --bang=x} names no
     * command) and nothing after {@code --} is looked at.
     *
     * @param values how many values an option name takes (0 when it takes none or is not an option)
     * @throws CliException (usage) when the command line names more than one command
     */
    Translation translate(List<String> args, ToIntFunction<String> values) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            String name = nameOf(arg);
            if (isFlag(name)) {
                found.add(i);
                if (name.equals(WITH_VALUE) && name.equals(arg)) {
                    i++;
                }
            } else if (name.equals(arg)) {
                i += values.applyAsInt(name);
            }
        }
        boolean named =
                !args.isEmpty() && !isFlag(args.get(0)) && command(args.get(0)).isPresent();
        if (found.size() > 1 || (named && !found.isEmpty())) {
            List<String> given = new ArrayList<>();
            if (named) {
                given.add(args.get(0));
            }
            found.forEach(i -> given.add(nameOf(args.get(i))));
            throw CliException.usage(
                    "choose only one of the commands " + choices() + " (got " + String.join(" and ", given) + ")");
        }
        if (found.isEmpty()) {
            return new Translation(List.copyOf(args), false);
        }
        int at = found.get(0);
        String arg = args.get(at);
        String name = nameOf(arg);
        List<String> moved = new ArrayList<>();
        moved.add(name);
        int end = at + 1;
        if (name.equals(WITH_VALUE)) {
            if (!arg.equals(name)) {
                moved.add(arg.substring(name.length() + 1));
            } else if (at + 1 < args.size()) {
                moved.add(args.get(at + 1));
                end = at + 2;
            }
        }
        moved.addAll(args.subList(0, at));
        moved.addAll(args.subList(end, args.size()));
        return new Translation(List.copyOf(moved), true);
    }

    /** The message for a command line that names no command. */
    String chooseOne() {
        return "choose one of the commands " + choices();
    }

    /** The command a flag or name stands for. */
    Optional<String> command(String flagOrName) {
        return spellings.stream()
                .filter(s -> s.command().equals(flagOrName) || s.flags().contains(flagOrName))
                .map(Spelling::command)
                .findFirst();
    }

    /** How messages name {@code command}: its flag after a command line in the original tool's form, else its name. */
    String spell(String command, boolean legacy) {
        return spellings.stream()
                .filter(s -> s.command().equals(command) && legacy && !s.flags().isEmpty())
                .map(s -> s.flags().get(0))
                .findFirst()
                .orElse(command);
    }

    private boolean isFlag(String arg) {
        return spellings.stream().anyMatch(s -> s.flags().contains(arg));
    }

    /** {@code --report=OUT.html} names {@code --report}; anything else names itself. */
    private static String nameOf(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 2 ? arg.substring(0, eq) : arg;
    }

    /** {@code bang (--bang, -b), rattle (--rattle, -r), list, …}. */
    private String choices() {
        return String.join(
                ", ",
                spellings.stream()
                        .map(s -> s.command() + (s.flags().isEmpty() ? "" : " (" + String.join(", ", s.flags()) + ")"))
                        .toList());
    }
}
