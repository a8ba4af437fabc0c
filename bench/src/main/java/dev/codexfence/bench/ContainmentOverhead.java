package dev.codexfence.bench;

import dev.codexfence.engine.internal.containment.CgroupContainment;
import dev.codexfence.engine.internal.containment.Containment;
import dev.codexfence.engine.internal.containment.ProcessScanContainment;
import dev.codexfence.engine.internal.process.ProcessRunner;
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
 * and through ProcessRunner held by a cgroup (threaded, where the engine can, and with the shell wrapper). Each
 * configuration runs in blocks of consecutive runs, as a sequential matrix does (moving a process into a cgroup
 * costs a different time when other moves happened just before), the blocks take turns; wall time per run and
 * CPU time per run (the run's processes, and this JVM) are printed. Linux only. Asserts nothing.
 */
public final class ContainmentOverhead {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int probeMillis = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int gapMillis = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Files.createTempDirectory("codex-fence-containment-bench-");
        Path probe = dir.resolve("noop.sh");
        Files.writeString(probe, "#!/usr/bin/env bash\n" + (probeMillis == 0 ? ":" : "sleep " + probeMillis / 1000.0) + "\n");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"));

        CgroupContainment.Attempt cgroup = CgroupContainment.open();
        CgroupContainment.Attempt wrapper = cgroup.containment().isEmpty() ? cgroup
                : CgroupContainment.openUnder(CgroupContainment.ownCgroup(), CgroupContainment.Placement.WRAPPER);
        Containment scan = new ProcessScanContainment("benchmark");
        Map<String, Callable<Object>> configs = new LinkedHashMap<>();
        configs.put("bare `bash FILE` (ProcessBuilder, waitFor, read both streams)", () -> bare(probe, dir));
        configs.put("ProcessRunner, /proc scan (setsid, group + token)", runner(scan, probe, dir, env));
        cgroup.containment().ifPresent(c -> configs.put("ProcessRunner, cgroup, " + c.placement().name().toLowerCase(Locale.ROOT)
                + " (the engine's choice here)", runner(c, probe, dir, env)));
        wrapper.containment().filter(w -> cgroup.containment().get().placement() != w.placement()).ifPresent(w -> configs.put(
                "ProcessRunner, cgroup, wrapper (sh moves the run's process in)", runner(w, probe, dir, env)));

        System.out.println("machine:        " + Machine.describe());
        System.out.println("load average:   " + Machine.loadAverage() + " (before)");
        System.out.println("cgroup:         " + cgroup.containment().map(CgroupContainment::mechanism)
                .orElse("none (" + cgroup.reason() + ")"));
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        Map<String, long[]> cpu = new LinkedHashMap<>(); // children's CPU ticks, this JVM's CPU ns
        configs.keySet().forEach(k -> {
            samples.put(k, new ArrayList<>());
            cpu.put(k, new long[2]);
        });
        List<String> names = new ArrayList<>(configs.keySet());
        int rounds = 5;
        int block = Math.max(1, n / rounds);
        for (String name : names) { // warm-up
            for (int i = 0; i < 30; i++) {
                configs.get(name).call();
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((round + k) % names.size()); // rotate the order of the blocks
                long c0 = childCpuTicks();
                long j0 = processCpuNanos();
                for (int i = 0; i < block; i++) {
                    long t0 = System.nanoTime();
                    configs.get(name).call();
                    samples.get(name).add(System.nanoTime() - t0);
                    if (gapMillis > 0) {
                        Thread.sleep(gapMillis); // what the harness does between two runs
                    }
                }
                cpu.get(name)[0] += childCpuTicks() - c0;
                cpu.get(name)[1] += processCpuNanos() - j0;
            }
        }
        System.out.println("load average:   " + Machine.loadAverage() + " (after)");
        System.out.println("probe:          " + (probeMillis == 0 ? "empty" : "sleep " + probeMillis + " ms")
                + ", " + gapMillis + " ms between two runs");
        System.out.println("wall time per run (" + rounds + " rounds, each a block of " + block
                + " runs per configuration, in turn):");
        for (var e : samples.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-66s %s%n", e.getKey(), Stats.ofNanos(e.getValue()).describe());
        }
        System.out.println("CPU time per run (children: the run's processes, from this JVM's cutime+cstime; JVM: all its threads):");
        int runs = rounds * block;
        for (var e : cpu.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-66s children %5.2f ms, JVM %5.2f ms%n", e.getKey(),
                    e.getValue()[0] * 10.0 / runs, e.getValue()[1] / 1e6 / runs);
        }
        cgroup.containment().ifPresent(CgroupContainment::close);
        wrapper.containment().ifPresent(CgroupContainment::close);
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

    /** CPU time of this JVM's waited-for children (cutime + cstime of /proc/self/stat), in USER_HZ ticks (10 ms). */
    private static long childCpuTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
