package dev.codexfence.engine.internal.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the program a command name runs, the way the process launcher will: a name with a slash is a path;
 * a bare name is searched in the {@code PATH} of this JVM. Used to check {@code codex-fence.bash} before any
 * probe runs.
 */
final class ExecutableLookup {

    private ExecutableLookup() {}

    /** What is wrong with running {@code command}, or empty when it names an executable regular file. */
    static Optional<String> problem(String command, String pathVariable) {
        if (command.indexOf('/') >= 0) {
            Path file;
            try {
                file = Path.of(command);
            } catch (InvalidPathException e) {
                return Optional.of("not a valid path");
            }
            return problemWith(file);
        }
        if (pathVariable == null || pathVariable.isEmpty()) {
            return Optional.of("no PATH to look " + command + " up in (give an absolute path)");
        }
        for (String dir : pathVariable.split(File.pathSeparator, -1)) {
            Path candidate;
            try {
                candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
            } catch (InvalidPathException e) {
                continue;
            }
            if (problemWith(candidate).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of("no executable " + command + " on PATH (" + pathVariable + ")");
    }

    private static Optional<String> problemWith(Path file) {
        if (!Files.exists(file)) {
            return Optional.of(file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " is not a regular file");
        }
        if (!Files.isExecutable(file)) {
            return Optional.of(file + " is not executable");
        }
        return Optional.empty();
    }
}
