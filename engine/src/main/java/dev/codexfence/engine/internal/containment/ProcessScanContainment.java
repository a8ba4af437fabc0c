package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Containment without a cgroup: each run leads a session and process group of its own ({@code setsid}) and
 * carries a random token in its environment ({@value #TOKEN_VARIABLE}). After the run, /proc is scanned for the
 * group's members and for processes started since the run began whose initial environment holds the token; the
 * descendants seen while the run went on count too. Without /proc (macOS) only those descendants are found.
 *
 * <p>What this does not find: a process that left the group and dropped the token from its environment
 * ({@code env -i}, {@code env -u}, an exec with a new environment, a setuid program whose environment this user
 * cannot read), or that another service started on the run's behalf ({@code systemd-run}, {@code at}, D-Bus
 * activation), unless the poll saw it as a descendant.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProcessScanContainment implements Containment {

    /** The environment variable holding the run's token. */
    public static final String TOKEN_VARIABLE = "FENCE_RUN_TOKEN";

    private final String why;

    /** @param why why no stronger mechanism is used here (for {@link #mechanism()}) */
    public ProcessScanContainment(String why) {
        this.why = why;
    }

    public ProcessScanContainment() {
        this("not requested");
    }

    @Override
    public RunScope begin() {
        return new ScanRun(Procfs.available() ? HexFormat.of().formatHex(randomBytes()) : null, nowTicks());
    }

    @Override
    public String mechanism() {
        String how = Procfs.available()
                ? (ProcessGroups.available() ? "process group, environment token" : "environment token")
                : "descendants seen while running";
        return "process scan (" + how + "; no cgroup: " + why + ")";
    }

    @Override
    public void close() {
        // runs clean up after themselves
    }

    /** A token only this run's processes carry (unique, not secret: a process can only carry it if started with it). */
    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Clock ticks since boot (USER_HZ, 100 a second, the unit of /proc/PID/stat's start time), or 0. */
    static long nowTicks() {
        try {
            String up = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII)
                    .split(" ")[0];
            return (long) (Double.parseDouble(up) * 100);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One run. */
    static final class ScanRun implements RunScope {
        private static final int KILL_ROUNDS = 50;
        private final String token;
        /** Processes started before this never belong to the run (two ticks of margin). */
        private final long notBefore;

        private final Set<ProcessHandle> seen = new LinkedHashSet<>();
        private long group = -1;

        ScanRun(String token, long startTicks) {
            this.token = token;
            this.notBefore = Math.max(0, startTicks - 2);
        }

        /** The variables this scope adds to the run's environment. */
        Map<String, String> environment() {
            return token == null ? Map.of() : Map.of(TOKEN_VARIABLE, token);
        }

        @Override
        public Process start(Launch launch) throws IOException {
            Process process = launch.with(ProcessGroups.inOwnSession(List.of()), environment())
                    .start();
            if (ProcessGroups.available()) {
                group = process.pid(); // setsid: the session and group are named after it
            }
            return process;
        }

        @Override
        public void observe(Process process) {
            process.descendants().forEach(seen::add);
        }

        @Override
        public void checkEntered(int exitCode, byte[] stderr) {
            // no wrapper
        }

        @Override
        public Set<Long> stillRunning() {
            Set<Long> running = new TreeSet<>();
            if (!Procfs.available()) {
                seen.stream().filter(ProcessHandle::isAlive).forEach(h -> running.add(h.pid()));
                return running;
            }
            seen.stream().map(ProcessHandle::pid).filter(Procfs::running).forEach(running::add);
            running.addAll(scan());
            return running;
        }

        /** The running processes of the run's group, and those carrying its token. */
        private Set<Long> scan() {
            Set<Long> found = new TreeSet<>();
            String entry = token == null ? null : TOKEN_VARIABLE + "=" + token;
            for (long pid : Procfs.pids()) {
                var stat = Procfs.stat(pid);
                if (stat.isEmpty()) {
                    continue;
                }
                boolean member = stat.get().processGroup() == group
                        || (entry != null
                                && stat.get().startTicks() >= notBefore
                                && Procfs.environmentHolds(pid, entry));
                if (member && Procfs.running(pid)) {
                    found.add(pid);
                }
            }
            return found;
        }

        @Override
        public void killAll() {
            for (int round = 0; round < KILL_ROUNDS; round++) {
                if (group > 0) {
                    ProcessGroups.signal(group, "-KILL");
                }
                seen.forEach(ProcessHandle::destroyForcibly);
                Set<Long> left = Procfs.available() ? scan() : Set.of();
                if (left.isEmpty()) {
                    return;
                }
                // a member may fork while the others are being killed: kill until none is left (bounded)
                left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                Cgroup.pauseMicros(round == 0 ? 1000 : 10_000);
            }
        }

        @Override
        public void close() {
            // nothing was made
        }
    }
}
