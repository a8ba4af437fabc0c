package dev.codexfence.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated tree of no-op probes (1,000 by default) run in baseline with a fixed parallelism, through the
 * launcher. Prints one table row: tests run / skipped / failed, wall time, this JVM's peak RSS (VmHWM), its peak
 * live thread count, and the load average. One JVM per configuration (bench/thousand-probes.sh runs the grid),
 * so the peaks belong to that configuration.
 *
 * <pre>ThousandProbes PARALLELISM [COUNT]     (PARALLELISM 1 = sequential)</pre>
 */
public final class ThousandProbes {

    private ThousandProbes() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ThousandProbes PARALLELISM [COUNT]");
            System.exit(64);
        }
        int parallelism = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path scratch = Files.createTempDirectory("codex-fence-bench-");
        try {
            Path root = GeneratedProbes.write(scratch.resolve("probes"), count);
            FenceLaunch launch = new FenceLaunch(scratch.resolve("reports")).with("codex-fence.modes", "baseline");
            if (parallelism > 1) {
                launch.with("codex-fence.execution.parallel.enabled", "true")
                        .with("codex-fence.execution.parallel.config.strategy", "fixed")
                        .with("codex-fence.execution.parallel.config.fixed.parallelism", String.valueOf(parallelism));
            }
            String loadBefore = Machine.loadAverage();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();
            TestTimings timings = new TestTimings();
            long t0 = System.nanoTime();
            launch.execute(root, timings);
            long wall = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "| %d | %s | %d / %d / %d | %.1f s | %.1f ms | %s | %d (%d before) | %s → %s |%n",
                    count, parallelism == 1 ? "sequential" : "parallel " + parallelism, timings.durations().size(),
                    timings.skipped(), timings.failures().size(), wall / 1e9, wall / 1e6 / count,
                    Machine.mib(Machine.peakRssMib()), threads.getPeakThreadCount(), threadsBefore,
                    loadBefore.split(" ")[0], Machine.loadAverage().split(" ")[0]);
            for (String f : timings.failures().stream().limit(5).toList()) {
                System.err.println("  failed: " + f);
            }
        } finally {
            GeneratedProbes.delete(scratch);
        }
    }
}
