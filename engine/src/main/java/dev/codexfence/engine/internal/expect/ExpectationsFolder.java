package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The folder of expectations files, one per stack ({@code expectations/linux-codex-0.169.0.json}): every
 * {@code *.json} file in it is read and checked when it is loaded, and no two may claim the same stack.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsFolder {

    /** The folder name, under the repository root. */
    public static final String NAME = "expectations";

    private final Path directory;
    private final List<Expectations> files;

    private ExpectationsFolder(Path directory, List<Expectations> files) {
        this.directory = directory;
        this.files = List.copyOf(files);
    }

    /**
     * The default folder: {@code <fence.root>/expectations} when the system property {@code fence.root} is set,
     * else {@code ./expectations} when it exists, else {@code ../expectations} when it exists, else
     * {@code ./expectations}.
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getProperty("fence.root"), Path.of(""));
    }

    static Path defaultDirectory(String fenceRoot, Path workingDirectory) {
        if (fenceRoot != null && !fenceRoot.isBlank()) {
            return Path.of(fenceRoot).resolve(NAME).toAbsolutePath().normalize();
        }
        Path here = workingDirectory.resolve(NAME);
        for (Path candidate : List.of(here, workingDirectory.resolve("..").resolve(NAME))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return here.toAbsolutePath().normalize();
    }

    /**
     * Reads every {@code *.json} in {@code directory} (each must be a regular file, a symlink to one is fine);
     * a folder that does not exist holds no expectations.
     */
    public static ExpectationsFolder load(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            return new ExpectationsFolder(dir, List.of());
        }
        if (!Files.isDirectory(dir)) {
            throw new ExpectationsException(dir + ": the expectations folder is not a directory");
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            // every *.json is read: a FIFO, a device or a folder named *.json is an error (ExpectationsReader), not
            // silently skipped, since skipping it would drop a stack's expectations without a word
            paths = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ExpectationsException(dir + ": cannot list the expectations folder (" + e + ")", e);
        }
        ExpectationsReader reader = new ExpectationsReader();
        List<Expectations> files = new ArrayList<>();
        for (Path p : paths) {
            Expectations e = reader.read(p);
            for (Expectations other : files) {
                if (other.overlaps(e)) {
                    throw new ExpectationsException(p + ": its stack (" + e.describeStack() + ") is already"
                            + " covered by " + other.source() + " (" + other.describeStack()
                            + "); keep one file per stack");
                }
            }
            files.add(e);
        }
        return new ExpectationsFolder(dir, files);
    }

    public Path directory() {
        return directory;
    }

    public List<Expectations> files() {
        return files;
    }

    /** The file about the stack a record was made on, if the folder has one. */
    public Optional<Expectations> find(BoundaryObject.Stack stack) {
        return files.stream().filter(e -> e.covers(stack)).findFirst();
    }

    /** Where a recording of the records of {@code stack} goes by default. */
    public Path fileFor(StackIdentity stack) {
        return directory.resolve(stack.expectationsFileName());
    }
}
