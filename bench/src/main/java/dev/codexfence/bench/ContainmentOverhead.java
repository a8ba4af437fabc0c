package dev.codexfence.bench;

import dev.codexfence.containment.CgroupContainment;
import dev.codexfence.containment.Containment;
import dev.codexfence.containment.ProcessScanContainment;
import dev.codexfence.probe.ProcessRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What holding a run costs (docs/performance.md, "Containment"): an empty probe ({@code bash FILE}) started
 * bare from this JVM, through ProcessRunner held by the /proc scan (setsid, process group and environment token)
 * and through ProcessRunner held by a cgroup (the /bin/sh wrapper, the run's cgroup made and removed). The
 * configurations take turns run by run, so that load changes hit all of them alike; the paired differences are
 * what one mechanism adds over another. Asserts nothing.
 */
public final class ContainmentOverhead {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("codex-fence-containment-bench-");
        Path probe = dir.resolve("noop.sh");
        Files.writeString(probe, "#!/usr/bin/env bash\n:\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"));

        CgroupContainment.Attempt cgroup = CgroupContainment.open();
        Containment scan = new ProcessScanContainment("benchmark");
        Map<String, Callable<Object>> configs = new LinkedHashMap<>();
        configs.put("bare `bash FILE` (ProcessBuilder, waitFor, read both streams)", () -> bare(probe, dir));
        configs.put("ProcessRunner, /proc scan (setsid, group + token)", runner(scan, probe, dir, env));
        cgroup.containment().ifPresent(c -> configs.put("ProcessRunner, cgroup (sh wrapper + setsid, run cgroup)",
                runner(c, probe, dir, env)));
        cgroup.containment().ifPresent(c -> configs.put("  of which: run cgroup made and removed, no process", () -> {
            c.begin().close();
            return null;
        }));

        System.out.println("machine:        " + Machine.describe());
        System.out.println("load average:   " + Machine.loadAverage() + " (before)");
        System.out.println("cgroup:         " + cgroup.containment().map(CgroupContainment::mechanism)
                .orElse("none (" + cgroup.reason() + ")"));
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        configs.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        List<String> names = new ArrayList<>(configs.keySet());
        for (int i = -30; i < n; i++) { // 30 warm-up rounds
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((i + 30 + k) % names.size()); // rotate the order
                long t0 = System.nanoTime();
                configs.get(name).call();
                long t = System.nanoTime() - t0;
                if (i >= 0) {
                    samples.get(name).add(t);
                }
            }
        }
        System.out.println("load average:   " + Machine.loadAverage() + " (after)");
        for (var e : samples.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-66s %s%n", e.getKey(), Stats.ofNanos(e.getValue()).describe());
        }
        List<Long> bare = samples.get(names.get(0));
        for (int k = 1; k < Math.min(names.size(), 3); k++) {
            System.out.printf(Locale.ROOT, "  %-66s median of paired differences %+7.2f ms%n",
                    names.get(k).replaceAll(" \\(.*", "") + " minus bare", pairedMedian(samples.get(names.get(k)), bare));
        }
        if (names.size() >= 3) {
            System.out.printf(Locale.ROOT, "  %-66s median of paired differences %+7.2f ms%n", "cgroup minus /proc scan",
                    pairedMedian(samples.get(names.get(2)), samples.get(names.get(1))));
        }
        cgroup.containment().ifPresent(CgroupContainment::close);
        scan.close();
    }

    private static Callable<Object> runner(Containment c, Path probe, Path dir, Map<String, String> env) {
        ProcessRunner r = new ProcessRunner(c);
        return () -> {
            ProcessRunner.Outcome o = r.run(new ProcessRunner.Spec(List.of("bash", probe.toString()), dir, env,
                    Duration.ofSeconds(30), 1 << 20, 1 << 20, () -> false));
            if (o.exitCode() != 0 || o.leftBehind()) {
                throw new IllegalStateException("the empty probe exited " + o.exitCode() + ", left behind " + o.leftBehind());
            }
            return o;
        };
    }

    private static Object bare(Path probe, Path dir) throws Exception {
        Process p = new ProcessBuilder("bash", probe.toString()).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        return p.waitFor();
    }

    private static double pairedMedian(List<Long> a, List<Long> b) {
        List<Long> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add(a.get(i) - b.get(i));
        }
        d.sort(null);
        return d.get(d.size() / 2) / 1e6;
    }
}
