package dev.codexfence.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Discovery at scale: generated probe roots of growing size, discovered through the launcher
 * ({@code launcher.discover()}: scanning, parsing, the test tree; nothing runs), default modes. Prints the
 * median of a few discoveries per size, the cost per probe, and the first (cold) discovery of the JVM.
 *
 * <pre>bench/discovery-scale.sh [SIZES [RUNS]]      (default 100,1000,10000 5)</pre>
 */
public final class DiscoveryScale {

    private DiscoveryScale() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "100,1000,10000").split(",")) {
            sizes.add(Integer.parseInt(s.strip()));
        }
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path scratch = Files.createTempDirectory("codex-fence-bench-");
        try {
            run(scratch, sizes, runs);
        } finally {
            GeneratedProbes.delete(scratch);
        }
    }

    private static void run(Path scratch, List<Integer> sizes, int runs) throws Exception {
        String loadBefore = Machine.loadAverage();
        FenceLaunch launch = new FenceLaunch(scratch.resolve("reports"));
        Path warm = GeneratedProbes.write(scratch.resolve("probes-warm"), 100);
        long t0 = System.nanoTime();
        int warmTests = tests(launch.launcher().discover(launch.request(warm)));
        long cold = System.nanoTime() - t0;
        for (int i = 0; i < 10; i++) {
            launch.launcher().discover(launch.request(warm));
        }
        System.out.println("machine:      " + Machine.describe());
        System.out.printf(Locale.ROOT, "cold:         first discovery in this JVM, 100 probes (%d tests): %.0f ms%n", warmTests, cold / 1e6);
        for (int size : sizes) {
            Path root = GeneratedProbes.write(scratch.resolve("probes-" + size), size);
            List<Long> nanos = new ArrayList<>();
            int count = 0;
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                TestPlan plan = launch.launcher().discover(launch.request(root));
                nanos.add(System.nanoTime() - start);
                count = tests(plan);
            }
            Stats stats = Stats.ofNanos(nanos);
            System.out.printf(Locale.ROOT, "%6d probes: %6d tests, median %8.1f ms (min %8.1f, max %8.1f, n=%d), %6.1f us per probe%n",
                    size, count, stats.medianMs(), stats.minMs(), stats.maxMs(), runs, stats.medianMs() * 1000 / size);
            GeneratedProbes.delete(root);
        }
        System.out.println("load average: " + loadBefore + " (before), " + Machine.loadAverage() + " (after)");
        System.out.println("peak RSS:     " + Machine.mib(Machine.peakRssMib()) + " (VmHWM of this JVM)");
    }

    /** The probe × mode tests of a plan (coverage tests included, when any). */
    private static int tests(TestPlan plan) {
        int n = 0;
        for (TestIdentifier root : plan.getRoots()) {
            n += (int) plan.getDescendants(root).stream().filter(TestIdentifier::isTest).count();
        }
        return n;
    }
}
