package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a run starts: {@code argv} in {@code directory} (null: the JVM's) with exactly {@code environment}, stdin
 * from /dev/null, stdout and stderr as pipes to the caller.
 */
@API(status = INTERNAL, since = "0.1")
public record Launch(List<String> argv, Path directory, Map<String, String> environment) {

    public Launch {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** This launch with {@code prefix} before its argv and {@code more} added to its environment. */
    Launch with(List<String> prefix, Map<String, String> more) {
        List<String> a = new java.util.ArrayList<>(prefix);
        a.addAll(argv);
        Map<String, String> e = new java.util.HashMap<>(environment);
        e.putAll(more);
        return new Launch(a, directory, e);
    }

    /** Starts it as a child of this JVM. */
    Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }
}
