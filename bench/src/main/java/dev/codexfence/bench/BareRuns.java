package dev.codexfence.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor a harness cannot go below: {@code bash PROBE} started from this JVM with a plain ProcessBuilder,
 * stdout read to the end, stderr discarded, no workspace, no record handling.
 */
final class BareRuns {

    private final Path helpers;
    private final Path workingDir;

    BareRuns(Path helpers, Path workingDir) {
        this.helpers = helpers;
        this.workingDir = workingDir;
    }

    /** Runs {@code count} probes (cycling through {@code probes}) one after the other; durations in ns. */
    List<Long> run(List<Path> probes, int count) throws IOException, InterruptedException {
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            byte[] out = once(probes.get(i % probes.size()));
            nanos.add(System.nanoTime() - t0);
            if (out.length == 0) {
                throw new IllegalStateException("bash " + probes.get(i % probes.size()) + " printed nothing");
            }
        }
        return nanos;
    }

    /** One run; returns its stdout (the observation). */
    byte[] once(Path probe) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", probe.toString())
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("FENCE_BIN", helpers.toString());
        env.put("FENCE_RUN_MODE", "baseline");
        env.put("FENCE_WORKSPACE_ROOT", workingDir.toString());
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bash " + probe + " exited " + exit);
        }
        return out;
    }
}
