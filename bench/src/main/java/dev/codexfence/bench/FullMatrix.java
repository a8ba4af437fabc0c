package dev.codexfence.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One configuration of the full matrix: the real corpus in the given modes, sequential or with a fixed
 * parallelism, through the launcher. Prints one table row: tests run / skipped / failed, wall time, the
 * median test, this JVM's peak RSS (VmHWM) and the load average. One JVM per configuration, so that the
 * peak RSS belongs to that configuration; bench/full-matrix.sh runs the grid.
 *
 * <pre>FullMatrix PROBE_ROOT MODES PARALLELISM [CODEX]     (MODES comma-separated; PARALLELISM 1 = sequential)</pre>
 */
public final class FullMatrix {

    private FullMatrix() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FullMatrix PROBE_ROOT MODES PARALLELISM [CODEX]");
            System.exit(64);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        String modes = args[1];
        int parallelism = Integer.parseInt(args[2]);
        String loadBefore = Machine.loadAverage();
        Path scratch = Files.createTempDirectory("codex-fence-bench-");
        try {
            FenceLaunch launch = new FenceLaunch(scratch).with("codex-fence.modes", modes);
            if (args.length > 3 && !args[3].isBlank()) {
                launch.with("codex-fence.codex.path", args[3]);
            }
            if (parallelism > 1) {
                launch.with("codex-fence.execution.parallel.enabled", "true")
                        .with("codex-fence.execution.parallel.config.strategy", "fixed")
                        .with("codex-fence.execution.parallel.config.fixed.parallelism", String.valueOf(parallelism));
            }
            TestTimings timings = new TestTimings();
            long t0 = System.nanoTime();
            launch.execute(root, timings);
            long wall = System.nanoTime() - t0;
            List<Long> durations = timings.durations();
            String median = durations.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f ms", Stats.ofNanos(durations).medianMs());
            System.out.printf(Locale.ROOT, "| %s | %s | %d / %d / %d | %.1f s | %s | %s | %s → %s |%n",
                    modes, parallelism == 1 ? "sequential" : "parallel " + parallelism,
                    durations.size(), timings.skipped(), timings.failures().size(), wall / 1e9, median,
                    Machine.mib(Machine.peakRssMib()), loadBefore.split(" ")[0], Machine.loadAverage().split(" ")[0]);
            for (String f : timings.failures().stream().limit(5).toList()) {
                System.err.println("  failed: " + f);
            }
        } finally {
            GeneratedProbes.delete(scratch);
        }
    }
}
