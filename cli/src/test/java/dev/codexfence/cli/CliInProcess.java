package dev.codexfence.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the CLI inside the test's JVM ({@link CodexFenceCli#run}), with its own streams, an empty environment and no
 * terminal: for what needs no separate process (parsing, help, listings, reading NDJSON).
 */
final class CliInProcess {

    private CliInProcess() {}

    /** How an invocation ended. */
    record Outcome(int exit, String out, String err) {

        /** stdout's non-empty lines. */
        List<String> lines() {
            return out.lines().filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Outcome run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static Outcome run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliIo io = new CliIo(
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null,
                Map.of(),
                Terminal.none(),
                Optional.empty(),
                false);
        int exit = new CodexFenceCli(io).run(args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
