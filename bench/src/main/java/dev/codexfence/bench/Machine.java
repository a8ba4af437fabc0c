package dev.codexfence.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Facts about the machine a benchmark ran on, printed with its figures. */
final class Machine {

    private Machine() {}

    /** "Linux 6.18.44 amd64, nproc 2, Java 17.0.15, 2026-11-29T07:10+00:00" */
    static String describe() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + ", nproc " + Runtime.getRuntime().availableProcessors()
                + ", Java " + System.getProperty("java.version")
                + ", " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", "");
    }

    /** The 1, 5 and 15 minute load averages ("4.64 4.75 3.01"), from /proc/loadavg or the platform MXBean. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f (1 min)", one);
        }
    }

    /** This JVM's peak resident set size (VmHWM) in MiB; empty where /proc is missing (macOS). */
    static Optional<Double> peakRssMib() {
        return procStatus("VmHWM:");
    }

    /** This JVM's current resident set size (VmRSS) in MiB; empty where /proc is missing. */
    static Optional<Double> rssMib() {
        return procStatus("VmRSS:");
    }

    private static Optional<Double> procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] f = line.substring(key.length()).trim().split("\\s+");
                    return Optional.of(Long.parseLong(f[0]) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Optional.empty();
    }

    static String mib(Optional<Double> value) {
        return value.map(v -> String.format(java.util.Locale.ROOT, "%.0f MiB", v)).orElse("n/a");
    }
}
