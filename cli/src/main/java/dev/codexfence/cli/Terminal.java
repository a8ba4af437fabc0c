package dev.codexfence.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What the CLI knows about its terminal. {@code System.console() != null} (stdin and stdout are a terminal)
 * is the signal: {@code --listen} then refuses to wait for typed NDJSON, and {@code --bang}/{@code --rattle}
 * draw a progress line and a final summary on stderr. A JVM cannot tell whether stderr is a terminal; the
 * launcher script can and says so with {@code -Dcodex-fence.cli.stderr.tty=true|false}: false turns the
 * progress off, true turns it on also when stdout is redirected ({@code codex-fence --bang > run.ndjson}).
 * Without the property (plain {@code java -cp …}) the console alone decides. Likewise
 * {@code -Dcodex-fence.cli.stdin.tty=true} tells that stdin is a terminal even when stdout is not
 * ({@code codex-fence --listen > summary.txt} typed without input).
 *
 * @param interactive a user sits at the console (no input or output redirected)
 * @param stdinTerminal stdin is a terminal: --listen would wait for typed NDJSON
 * @param progress progress line and summary on stderr
 * @param columns terminal width for the progress line
 */
record Terminal(boolean interactive, boolean stdinTerminal, boolean progress, int columns) {

    static final String STDERR_TTY_PROPERTY = "codex-fence.cli.stderr.tty";
    static final String STDIN_TTY_PROPERTY = "codex-fence.cli.stdin.tty";

    /** No terminal at all: pipes and files (tests, CI). */
    static Terminal none() {
        return new Terminal(false, false, false, 80);
    }

    static Terminal detect() {
        Console console = System.console();
        boolean interactive = console != null && isTerminal(console);
        String stderrTty = System.getProperty(STDERR_TTY_PROPERTY);
        boolean progress = stderrTty == null ? interactive : Boolean.parseBoolean(stderrTty.strip());
        int columns = 80;
        String env = System.getenv("COLUMNS");
        if (env != null) {
            try {
                columns = Math.max(20, Integer.parseInt(env.strip()));
            } catch (NumberFormatException ignored) {
                // keep 80
            }
        }
        boolean stdinTerminal = interactive
                || Boolean.parseBoolean(
                        System.getProperty(STDIN_TTY_PROPERTY, "false").strip());
        return new Terminal(interactive, stdinTerminal, progress, columns);
    }

    /** Java 22+ returns a console even when redirected and says so through isTerminal(); Java 17 has none. */
    private static boolean isTerminal(Console console) {
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
