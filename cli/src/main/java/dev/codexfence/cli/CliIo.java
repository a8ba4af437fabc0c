package dev.codexfence.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a CLI invocation reads and writes, and what it sees of its process: tests pass their own streams,
 * environment and terminal; {@link Main} passes the real ones.
 *
 * @param in stdin (NDJSON for --listen)
 * @param out stdout: only NDJSON during --bang/--rattle
 * @param err stderr: everything else
 * @param status the progress line drawn over stderr, or null when there is none
 * @param env the environment (MODES, CODEX_FENCE_PROBES, CODEX_FENCE_CATALOG)
 * @param terminal what kind of terminal is attached
 * @param fenceRoot the install or checkout root ({@code -Dfence.root}), when known
 * @param installShutdownHook whether runs react to SIGINT/SIGTERM (only in a real process)
 */
record CliIo(
        InputStream in,
        PrintStream out,
        PrintStream err,
        StatusLine status,
        Map<String, String> env,
        Terminal terminal,
        Optional<Path> fenceRoot,
        boolean installShutdownHook) {

    Optional<String> envValue(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A path of the command line, absolute (from the working directory) and normalised; a bad one is a usage error. */
    static Path absolute(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw CliException.usage("not a valid path: " + path);
        }
    }

    /** Paths of the command line (NDJSON inputs), each {@link #absolute(String)}. */
    static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(p -> absolute(p.toString())).toList();
    }
}
