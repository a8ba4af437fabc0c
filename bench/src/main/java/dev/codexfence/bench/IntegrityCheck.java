package dev.codexfence.bench;

import dev.codexfence.engine.internal.run.HelperGuard;
import dev.codexfence.engine.internal.run.IntegrityWatch;
import dev.codexfence.engine.internal.run.RuntimeLayout;
import dev.codexfence.engine.internal.run.Workspaces;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the harness-integrity checks cost per probe run (docs/performance.md, "Harness integrity checks"): the
 * engine's own {@link IntegrityWatch} with the run's helpers ({@link HelperGuard}, the bundled helpers) and its
 * workspaces ({@link Workspaces}, one ready copy, as in a sequential run) registered, driven through
 * {@code begin}/{@code end} as ProbeExecutor does around every probe process, with nothing run in between. So
 * one sample is the whole per-run overhead: two helper checks (read + SHA-256 of the five helpers, listing, modes)
 * and one check of the ready workspace against the in-memory manifest. Also timed: one helper check on its own, and
 * the hand-out of a ready workspace ({@code fresh}: a queue poll and one more comparison with the manifest), which
 * ProbeExecutor does before {@code begin}; the next copy is given 50 ms to be made on the background thread
 * (untimed), so a sample that found none ready and made one on the spot shows as an outlier. Warm-up first;
 * nothing asserted.
 *
 * <p>Arguments: {@code [RUNS [ROUNDS]]}, default 2000 10.
 */
public final class IntegrityCheck {

    private IntegrityCheck() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("machine: " + Machine.describe());
        System.out.println("load average at start: " + Machine.loadAverage());
        Path scratch = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "integrity-bench-");
        try {
            IntegrityWatch watch = new IntegrityWatch();
            HelperGuard helpers = HelperGuard.install(scratch.resolve("bin"), RuntimeLayout.bundled());
            watch.guard(helpers);
            Workspaces workspaces = Workspaces.create(scratch, git(), watch);
            // one hand-out so that a ready copy exists and is registered
            workspaces.discard(workspaces.fresh("bench", "baseline"));
            Thread.sleep(1000); // the background thread makes the next ready copy meanwhile

            List<Long> perRun = new ArrayList<>();
            List<Long> helperCheck = new ArrayList<>();
            List<Long> handOut = new ArrayList<>();
            long tick = 1_000_000;
            for (int warm = 0; warm < 500; warm++) {
                watch.end(watch.begin("warm-up [baseline]"));
                helpers.check(tick++);
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < runs / rounds; i++) {
                    long t0 = System.nanoTime();
                    IntegrityWatch.Ticket t = watch.begin("bench [baseline]");
                    List<String> incidents = watch.end(t);
                    long t1 = System.nanoTime();
                    if (!incidents.isEmpty()) {
                        throw new IllegalStateException("the bench's own files changed: " + incidents);
                    }
                    perRun.add(t1 - t0);
                    long t2 = System.nanoTime();
                    helpers.check(tick++);
                    helperCheck.add(System.nanoTime() - t2);
                }
                for (int i = 0; i < Math.max(1, runs / rounds / 10); i++) {
                    Thread.sleep(50);
                    long t0 = System.nanoTime();
                    Path ws = workspaces.fresh("bench", "baseline");
                    handOut.add(System.nanoTime() - t0);
                    workspaces.discard(ws);
                }
            }
            workspaces.close();
            System.out.println("load average at end: " + Machine.loadAverage());
            Stats run = Stats.ofNanos(perRun);
            Stats helper = Stats.ofNanos(helperCheck);
            System.out.println("per probe run (begin + end: 2 helper checks + 1 ready-copy check): " + run.describe());
            System.out.println("one helper check (5 helpers: list, lstat, read, SHA-256):            " + helper.describe());
            System.out.println("hand-out of a ready workspace (poll + one comparison, before begin): "
                    + Stats.ofNanos(handOut).describe());
            Stats hand = Stats.ofNanos(handOut);
            double total = run.medianMs() + hand.medianMs();
            System.out.printf(java.util.Locale.ROOT, "per probe run in all (hand-out + begin + end, sum of medians): %.3f ms;"
                    + " target <= 1 ms: %s%n", total, total <= 1.0 ? "met" : "missed");
        } finally {
            dev.codexfence.engine.internal.run.TreeDeletion.delete(scratch);
        }
    }

    private static String git() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "git");
            if (f.canExecute() && f.isFile()) {
                return f.getPath();
            }
        }
        return null;
    }
}
