package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/** Finds the codex CLI: configured path, then {@code codex} on PATH, then a project-local install. */
@API(status = INTERNAL, since = "0.1")
public final class CodexLocator {

    /** Where {@code .ci/run} installs the pinned codex CLI, relative to the repository root. */
    public static final String PROJECT_LOCAL = ".tools/codex/node_modules/.bin/codex";

    private CodexLocator() {}

    /** The codex executable, or empty. A configured path that is not executable is reported by the caller. */
    public static Optional<Path> locate(String pathVariable, Path startDirectory) {
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "codex");
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        for (Path dir = startDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path local = dir.resolve(PROJECT_LOCAL);
            if (Files.isExecutable(local)) {
                return Optional.of(local);
            }
        }
        String root = System.getProperty("fence.root");
        if (root != null && Files.isExecutable(Path.of(root, PROJECT_LOCAL))) {
            return Optional.of(Path.of(root, PROJECT_LOCAL));
        }
        return Optional.empty();
    }
}
