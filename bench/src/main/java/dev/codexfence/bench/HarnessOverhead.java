package dev.codexfence.bench;

import dev.codexfence.engine.internal.run.RuntimeLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Harness overhead per probe run. N no-op probes (one emit-record call each) run through the engine
 * (modes=baseline, sequential) and, in the same JVM, N plain {@code bash PROBE} runs; prints the per-run
 * figures, the ratio of the medians and the machine, then where the time goes. The work is split into
 * rounds (bare batch, engine batch, breakdown batch) so that all figures sample the same machine load.
 *
 * <pre>bench/harness-overhead.sh [N [ROUNDS]]      (default 200 10)</pre>
 */
public final class HarnessOverhead {

    static final int WARM_UP = 30;

    private HarnessOverhead() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (n < 1 || rounds < 1 || n % rounds != 0) {
            System.err.println("usage: HarnessOverhead [N [ROUNDS]]  (N a multiple of ROUNDS)");
            System.exit(64);
        }
        Path scratch = Files.createTempDirectory("codex-fence-bench-");
        try {
            run(scratch, n, rounds);
        } finally {
            GeneratedProbes.delete(scratch);
        }
    }

    private static void run(Path scratch, int n, int rounds) throws Exception {
        String loadBefore = Machine.loadAverage();
        int batch = n / rounds;
        Path helpers = RuntimeLayout.extract(scratch.resolve("helpers"));
        Path warmRoot = GeneratedProbes.write(scratch.resolve("probes-warm"), WARM_UP);
        Path root = GeneratedProbes.write(scratch.resolve("probes"), batch);
        List<Path> probes;
        try (Stream<Path> s = Files.list(root)) {
            probes = s.sorted().toList();
        }
        BareRuns bare = new BareRuns(helpers, Files.createDirectories(scratch.resolve("bare-ws")));

        List<Long> bareNanos = new ArrayList<>();
        List<Long> engineNanos = new ArrayList<>();
        long wall = 0;
        long open = 0;
        long close = 0;
        try (OverheadBreakdown breakdown = new OverheadBreakdown(scratch, helpers, probes)) {
            // warm-up: class loading and JIT for every path, discarded
            engineRun(scratch.resolve("reports-warm"), warmRoot, WARM_UP);
            bare.run(probes, WARM_UP);
            try (OverheadBreakdown warm = new OverheadBreakdown(scratch.resolve("warm"), helpers, probes)) {
                warm.round(WARM_UP);
            }
            for (int r = 0; r < rounds; r++) {
                bareNanos.addAll(bare.run(probes, batch));
                long t0 = System.nanoTime();
                TestTimings engine = engineRun(scratch.resolve("reports-" + r), root, batch);
                wall += System.nanoTime() - t0;
                engineNanos.addAll(engine.durations());
                open += engine.beforeFirstTestNanos();
                close += engine.afterLastTestNanos();
                breakdown.round(batch);
            }

            Stats bareStats = Stats.ofNanos(bareNanos);
            Stats engineStats = Stats.ofNanos(engineNanos);
            System.out.println("machine:        " + Machine.describe());
            System.out.println("load average:   " + loadBefore + " (before), " + Machine.loadAverage() + " (after)");
            System.out.println("probe runs:     " + n + " no-op probes (one emit-record call each), modes=baseline, sequential,"
                    + " in " + rounds + " rounds of " + batch + "; warm-up of " + WARM_UP + " discarded");
            System.out.println("bare bash:      " + bareStats.describe() + "   [bash PROBE started from this JVM]");
            System.out.println("engine, test:   " + engineStats.describe() + "   [executionStarted -> executionFinished]");
            System.out.printf(Locale.ROOT, "engine, wall/N: %7.2f ms   [launcher.execute(): discovery, session open/close included]%n",
                    wall / 1e6 / n);
            System.out.printf(Locale.ROOT, "session:        open %.0f ms, close %.0f ms (mean per launcher.execute(), %d probes each)%n",
                    open / 1e6 / rounds, close / 1e6 / rounds, batch);
            System.out.printf(Locale.ROOT, "ratio:          %.2fx bare bash (medians); target <= 15 ms and <= 3x%n",
                    engineStats.medianMs() / bareStats.medianMs());

            System.out.println();
            System.out.println("where the time goes (each step alone, " + n + " times, with the engine's own classes):");
            System.out.println("  (processes held by: " + breakdown.mechanism() + ")");
            double sum = 0;
            for (String step : breakdown.singleSteps()) {
                print(step, breakdown.stats(step));
                sum += breakdown.stats(step).medianMs();
            }
            System.out.printf(Locale.ROOT, "  %-66s median %7.2f ms%n", "sum of the step medians", sum);
            for (String step : breakdown.alternatives()) {
                print(step, breakdown.stats(step));
            }
            Stats executor = breakdown.stats(OverheadBreakdown.EXECUTOR);
            print(OverheadBreakdown.EXECUTOR, executor);
            System.out.printf(Locale.ROOT, "  %-66s median %7.2f ms%n", "engine test minus ProbeExecutor.run (JUnit Platform, test node)",
                    engineStats.medianMs() - executor.medianMs());
        }
    }

    private static void print(String step, Stats stats) {
        System.out.printf(Locale.ROOT, "  %-66s %s%n", step, stats.describe());
    }

    /** Runs a generated root through the engine and checks that every probe run passed. */
    static TestTimings engineRun(Path reports, Path root, int expected) {
        TestTimings timings = new TestTimings();
        new FenceLaunch(reports)
                .with("codex-fence.modes", "baseline")
                .with("codex-fence.coverage.missing", "skip")
                .execute(root, timings);
        if (!timings.failures().isEmpty() || timings.durations().size() != expected) {
            throw new IllegalStateException("expected " + expected + " passing probe runs, got "
                    + timings.durations().size() + " runs and failures " + timings.failures());
        }
        return timings;
    }
}
