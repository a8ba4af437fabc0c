package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Containment by cgroup v2 (Linux): the session gets a cgroup {@code codex-fence-<pid>-<random>} below the JVM's
 * own cgroup, each run a child {@code run-<n>} of it, and the run's first process is inside before it can fork,
 * so everything it starts is born inside, and no {@code setsid}, double fork or daemon gets out (only a write to
 * an ancestor's {@code cgroup.procs}, which needs write access to that file, moves a process out). Two ways to
 * get it there, tried in this order when the session opens:
 * <ul>
 *   <li>{@link Placement#THREADED}: the session's and the runs' cgroups are threaded cgroups of the JVM's own
 *   (threaded domain); the thread that starts a run moves itself into the run's cgroup, starts the process (born
 *   there) and moves back. The kernel takes no global lock for a thread moving itself, so a run pays no RCU grace
 *   period. Needs a JVM cgroup without populated domain children and without domain controllers.</li>
 *   <li>{@link Placement#WRAPPER}: domain cgroups; the run starts as a shell that writes its own pid into the
 *   run's {@code cgroup.procs} and execs the command. Moving a process takes cgroup v2's threadgroup lock: an
 *   RCU grace period (4–12 ms here) unless another move happened within the last one.</li>
 * </ul>
 *
 * <p>Such a cgroup can be made as root, and as another user where the JVM's cgroup is delegated to that user
 * (a systemd user session's {@code user@UID.service} subtree): the JVM needs to create a folder in its own cgroup
 * and write to its own cgroup's {@code cgroup.procs} (moving a process needs write access to the common
 * ancestor's). {@link #open()} tries exactly that, with a real process, and gives up otherwise.
 */
@API(status = INTERNAL, since = "0.1")
public final class CgroupContainment implements Containment {

    /** Prefix of every session cgroup's name. */
    public static final String SESSION_PREFIX = "codex-fence-";
    /** Exit status of the wrapper when it could not move the process into the cgroup. */
    static final int ENTRY_FAILED = 125;

    static final String ENTRY_FAILED_MESSAGE = "codex-fence: could not move the run into cgroup ";
    /**
     * Moves the shell into the cgroup whose {@code cgroup.procs} is {@code $0}, then execs the command: the pid
     * stays the same, so the command starts inside.
     */
    static final String WRAPPER = "{ echo $$ > \"$0\"; } 2>/dev/null || { echo \"" + ENTRY_FAILED_MESSAGE
            + "${0%/cgroup.procs}\" >&2; exit " + ENTRY_FAILED + "; }; exec \"$@\"";

    private static final String DASH = firstExecutable("/usr/bin/dash", "/bin/dash");
    /**
     * The wrapper's shell: dash where there is one (it passes the environment on as it got it, except the
     * variables {@link #restoring} puts back), else /bin/sh.
     */
    private static final String SHELL = DASH != null ? DASH : "/bin/sh";
    /** Variables dash sets itself at startup when they are in its environment (PWD: also when it is not). */
    private static final List<String> SHELL_SETS = List.of("IFS", "OPTIND", "PPID");

    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** How a run's first process gets into the run's cgroup. */
    public enum Placement {
        /** The starting thread moves itself into a threaded run cgroup and back (no grace period). */
        THREADED,
        /** A shell moves itself into a domain run cgroup, then execs (a grace period per run). */
        WRAPPER
    }

    private final Cgroup session;
    /** The JVM's own cgroup: where a thread goes back to after starting a run (threaded placement). */
    private final Cgroup home;

    private final Placement placement;
    private final AtomicLong runs = new AtomicLong();

    private CgroupContainment(Cgroup session, Cgroup home, Placement placement) {
        this.session = session;
        this.home = home;
        this.placement = placement;
    }

    /**
     * What {@link #open()} gave: a containment, or why none could be made here.
     *
     * @param containment the session's cgroup containment, when it works here
     * @param reason why there is none (empty string when there is one)
     */
    public record Attempt(Optional<CgroupContainment> containment, String reason) {

        static Attempt failed(String reason) {
            return new Attempt(Optional.empty(), reason);
        }
    }

    /** A session cgroup under this JVM's own cgroup, or why none can be made and used here. */
    public static Attempt open() {
        if (!Procfs.available()) {
            return Attempt.failed("no /proc");
        }
        try {
            return openUnder(ownCgroup());
        } catch (IOException e) {
            return Attempt.failed(e.getMessage());
        }
    }

    /** This JVM's own cgroup v2 folder, from /proc/self/mountinfo and /proc/self/cgroup. */
    public static Cgroup ownCgroup() throws IOException {
        String mountinfo;
        String ownCgroup;
        try {
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
            ownCgroup = Files.readString(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read /proc/self: " + e.getMessage(), e);
        }
        List<Cgroup2Mount> mounts = Cgroup2Mount.parse(mountinfo);
        if (mounts.isEmpty()) {
            throw new IOException("no cgroup v2 hierarchy is mounted");
        }
        Optional<String> own = Cgroup2Mount.ownPath(ownCgroup);
        Optional<String> folder = own.flatMap(p -> Cgroup2Mount.folderOf(mounts, p));
        if (folder.isEmpty()) {
            throw new IOException(
                    "this process's cgroup v2 " + own.orElse("(none)") + " is not under a mounted cgroup2");
        }
        return new Cgroup(Path.of(folder.get()));
    }

    /**
     * A session cgroup in {@code parent} (the JVM's own cgroup), threaded where that works, else with the wrapper;
     * each checked by starting a real process into a run cgroup of it.
     */
    static Attempt openUnder(Cgroup parent) {
        sweepStale(parent);
        Attempt threaded = openUnder(parent, Placement.THREADED);
        if (threaded.containment().isPresent()) {
            return threaded;
        }
        Attempt wrapper = openUnder(parent, Placement.WRAPPER);
        return wrapper.containment().isPresent()
                ? wrapper
                : Attempt.failed(wrapper.reason() + "; threaded: " + threaded.reason());
    }

    /** A session cgroup in {@code parent} for {@code placement}, checked with a real process. */
    public static Attempt openUnder(Cgroup parent, Placement placement) {
        if (placement == Placement.WRAPPER && !Files.isExecutable(Path.of(SHELL))) {
            return Attempt.failed("no " + SHELL);
        }
        // unique, not secret: the pid tells sessions of living JVMs from stale ones, the rest tells apart sessions of
        // one JVM
        String name = SESSION_PREFIX + ProcessHandle.current().pid() + "-"
                + String.format(
                        "%012x",
                        java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
        Cgroup session;
        try {
            session = parent.create(name);
        } catch (IOException e) {
            return Attempt.failed("cannot make a cgroup in " + parent.folder() + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        CgroupContainment c = new CgroupContainment(session, parent, placement);
        Optional<String> failed;
        try {
            if (placement == Placement.THREADED) {
                session.makeThreaded();
            }
            failed = c.selfTest();
        } catch (IOException e) {
            failed = Optional.of("cannot make " + session.folder() + " threaded (" + e.getMessage() + ")");
        }
        if (failed.isPresent()) {
            c.close();
            return Attempt.failed(failed.get());
        }
        return new Attempt(Optional.of(c), "");
    }

    /**
     * Checks that a run can get into its cgroup: threaded, this thread moves into a run's cgroup, sees itself
     * there and moves back (a process it started would be born there); wrapper, a real process moves itself in.
     * Empty when it works.
     */
    private Optional<String> selfTest() {
        if (placement == Placement.THREADED) {
            try (CgroupRun scope = begin()) {
                String tail = "/" + session.folder().getFileName() + "/"
                        + scope.cgroup().folder().getFileName();
                String seen;
                scope.cgroup().enterCurrentThread();
                try {
                    seen = Files.readString(Path.of("/proc/thread-self/cgroup"), StandardCharsets.UTF_8);
                } finally {
                    home.enterCurrentThread();
                }
                return seen.lines().anyMatch(l -> l.startsWith("0::/") && l.endsWith(tail))
                        ? Optional.empty()
                        : Optional.of(
                                "a thread moved into " + scope.cgroup().folder() + " is elsewhere: " + seen.strip());
            } catch (IOException e) {
                return Optional.of("cannot move a thread into a threaded run cgroup: " + e.getMessage());
            }
        }
        try (CgroupRun scope = begin()) {
            Process p = scope.start(new Launch(List.of(SHELL, "-c", "cat /proc/self/cgroup 2>&1"), null, Map.of()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("moving a process into " + scope.cgroup().folder() + " did not finish");
            }
            String tail = "/" + session.folder().getFileName() + "/"
                    + scope.cgroup().folder().getFileName();
            if (p.exitValue() != 0 || out.lines().noneMatch(l -> l.startsWith("0::/") && l.endsWith(tail))) {
                return Optional.of(
                        "cannot move a process into " + scope.cgroup().folder() + ": " + out.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot start a process in a run cgroup: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Cleans up after codex-fence JVMs that are no longer running (killed with SIGKILL before they could close
     * their session): whatever their runs left inside is killed, their cgroups removed. A session whose JVM is
     * alive is left alone, so that runs in parallel in the same cgroup do not touch each other.
     */
    private static void sweepStale(Cgroup parent) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent.folder(), SESSION_PREFIX + "*")) {
            for (Path d : dirs) {
                String[] parts = d.getFileName()
                        .toString()
                        .substring(SESSION_PREFIX.length())
                        .split("-", 2);
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (ProcessHandle.of(pid).isEmpty() && Files.isDirectory(d)) {
                    Cgroup stale = new Cgroup(d);
                    for (Cgroup c : stale.withDescendants()) {
                        c.killAll(KILL_WAIT);
                    }
                    stale.remove();
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        }
    }

    /** The session's cgroup folder. */
    public Path folder() {
        return session.folder();
    }

    /** How runs get into their cgroups in this session. */
    public Placement placement() {
        return placement;
    }

    @Override
    public CgroupRun begin() throws IOException {
        Cgroup run = session.create("run-" + runs.incrementAndGet());
        if (placement == Placement.THREADED) {
            try {
                run.makeThreaded();
            } catch (IOException e) {
                run.remove();
                throw e;
            }
        }
        return new CgroupRun(run);
    }

    @Override
    public String mechanism() {
        return "cgroup v2 " + session.folder() + " (" + placement.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public void close() {
        for (Cgroup c : session.withDescendants()) {
            if (c.populated()) {
                c.killAll(KILL_WAIT);
            }
        }
        session.remove();
    }

    /**
     * Commands that give dash's exported PWD, IFS, OPTIND and PPID back the values of the run's environment (or
     * remove PWD, which dash adds), so that the command gets exactly that environment; nothing for another shell.
     */
    static String restoring(Map<String, String> environment) {
        if (DASH == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        String pwd = environment.get("PWD");
        s.append(pwd == null ? "unset PWD; " : "export " + quote("PWD=" + pwd) + "; ");
        for (String n : SHELL_SETS) {
            if (environment.containsKey(n)) {
                s.append("export ").append(quote(n + "=" + environment.get(n))).append("; ");
            }
        }
        return s.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** One run's cgroup. */
    public final class CgroupRun implements RunScope {
        private final Cgroup cgroup;

        CgroupRun(Cgroup cgroup) {
            this.cgroup = cgroup;
        }

        Cgroup cgroup() {
            return cgroup;
        }

        @Override
        public Process start(Launch launch) throws IOException {
            if (placement == Placement.THREADED) {
                return startThreaded(launch);
            }
            List<String> wrapped = new ArrayList<>(launch.argv().size() + 5);
            wrapped.add(SHELL);
            wrapped.add("-c");
            wrapped.add(WRAPPER.replace("exec \"$@\"", restoring(launch.environment()) + "exec \"$@\""));
            wrapped.add(cgroup.procsFile().toString());
            wrapped.addAll(ProcessGroups.inOwnSession(launch.argv()));
            return new Launch(wrapped, launch.directory(), launch.environment()).start();
        }

        /**
         * This thread moves into the run's cgroup, starts the process (born there) and moves back; threads the JDK
         * started meanwhile (its process reaper) are moved back too, so that no thread of this JVM stays where
         * runs are frozen and killed.
         */
        private Process startThreaded(Launch launch) throws IOException {
            Launch inSession =
                    new Launch(ProcessGroups.inOwnSession(launch.argv()), launch.directory(), launch.environment());
            Process p;
            cgroup.enterCurrentThread();
            try {
                p = inSession.start();
            } finally {
                home.enterCurrentThread();
            }
            for (long tid : cgroup.ownThreads()) {
                home.moveThread(tid);
            }
            return p;
        }

        @Override
        public void observe(Process process) {
            // the cgroup holds everything: nothing to watch
        }

        @Override
        public void checkEntered(int exitCode, byte[] stderr) throws IOException {
            String text = new String(stderr, StandardCharsets.UTF_8);
            if (exitCode == ENTRY_FAILED && text.startsWith(ENTRY_FAILED_MESSAGE)) {
                throw new IOException(text.strip());
            }
        }

        @Override
        public Set<Long> stillRunning() {
            Set<Long> running = new TreeSet<>();
            for (Cgroup c : cgroup.withDescendants()) {
                c.members().stream().filter(Procfs::running).forEach(running::add);
            }
            return running;
        }

        @Override
        public void killAll() {
            cgroup.killAll(KILL_WAIT);
        }

        @Override
        public void close() {
            if (cgroup.populated()) {
                cgroup.killAll(KILL_WAIT);
            }
            cgroup.remove();
        }
    }
}
