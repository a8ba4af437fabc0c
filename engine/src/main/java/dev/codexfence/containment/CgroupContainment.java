package dev.codexfence.containment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Containment by cgroup v2 (Linux): the session gets a cgroup {@code codex-fence-<pid>-<random>} below the JVM's
 * own cgroup, each run a child {@code run-<n>} of it. The run's first process writes its own pid into the run's
 * {@code cgroup.procs} before it execs the command (a {@code /bin/sh} wrapper), so everything it starts is born
 * inside, and no {@code setsid}, double fork or daemon gets out (only a write to an ancestor's
 * {@code cgroup.procs}, which needs write access to that file, moves a process out).
 *
 * <p>Such a cgroup can be made as root, and as another user where the JVM's cgroup is delegated to that user
 * (a systemd user session's {@code user@UID.service} subtree): the JVM needs to create a folder in its own cgroup
 * and write to its own cgroup's {@code cgroup.procs} (moving a process needs write access to the common
 * ancestor's). {@link #open()} tries exactly that, with a real process, and gives up otherwise.
 */
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
    private static final String SHELL = "/bin/sh";
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Cgroup session;
    private final AtomicLong runs = new AtomicLong();
    /** Guards {@link #active}, {@link #ready} and {@link #epoch}. */
    private final Object lock = new Object();
    /** Runs begun and not closed yet. */
    private int active;
    /** At most one launcher, started ahead for the next run, and only while no run is active. */
    private StandbyLauncher ready;
    /** Counts the runs begun: a launcher prepared before the latest began is not used. */
    private long epoch;
    private final java.util.concurrent.ExecutorService preparer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "codex-fence-standby-launcher");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile boolean startAhead = StandbyLauncher.available();
    /** The environment of the last run started: the guess a launcher starts with. */
    private volatile Map<String, String> lastEnvironment = Map.of();

    private CgroupContainment(Cgroup session) {
        this.session = session;
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
        if (!Files.isExecutable(Path.of(SHELL)) || !Procfs.available()) {
            return Attempt.failed("no /proc or no " + SHELL);
        }
        String mountinfo;
        String ownCgroup;
        try {
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
            ownCgroup = Files.readString(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Attempt.failed("cannot read /proc/self: " + e.getMessage());
        }
        List<Cgroup2Mount> mounts = Cgroup2Mount.parse(mountinfo);
        if (mounts.isEmpty()) {
            return Attempt.failed("no cgroup v2 hierarchy is mounted");
        }
        Optional<String> own = Cgroup2Mount.ownPath(ownCgroup);
        Optional<String> folder = own.flatMap(p -> Cgroup2Mount.folderOf(mounts, p));
        if (folder.isEmpty()) {
            return Attempt.failed("this process's cgroup v2 " + own.orElse("(none)") + " is not under a mounted cgroup2");
        }
        return openUnder(new Cgroup(Path.of(folder.get())));
    }

    /** A session cgroup in {@code parent}, checked by moving a real process into a run cgroup of it. */
    static Attempt openUnder(Cgroup parent) {
        sweepStale(parent);
        String name = SESSION_PREFIX + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(randomBytes());
        Cgroup session;
        try {
            session = parent.create(name);
        } catch (IOException e) {
            return Attempt.failed("cannot make a cgroup in " + parent.folder() + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")");
        }
        CgroupContainment c = new CgroupContainment(session);
        Optional<String> failed = c.selfTest();
        if (failed.isPresent()) {
            c.close();
            return Attempt.failed(failed.get());
        }
        if (c.startAhead) {
            c.prepareStandby(0); // for the first run
        }
        return new Attempt(Optional.of(c), "");
    }

    /** Starts a shell through the wrapper, exactly as a run would: true when it landed in the cgroup. */
    private Optional<String> selfTest() {
        try (CgroupRun scope = beginRun()) {
            Process p = scope.start(new Launch(List.of(SHELL, "-c", "cat /proc/self/cgroup 2>&1"), null, Map.of()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("moving a process into " + scope.cgroup().folder() + " did not finish");
            }
            String tail = "/" + session.folder().getFileName() + "/" + scope.name();
            if (p.exitValue() != 0 || out.lines().noneMatch(l -> l.startsWith("0::/") && l.endsWith(tail))) {
                return Optional.of("cannot move a process into " + scope.cgroup().folder() + ": " + out.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot start " + SHELL + ": " + e.getMessage());
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
                String[] parts = d.getFileName().toString().substring(SESSION_PREFIX.length()).split("-", 2);
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

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The session's cgroup folder. */
    public Path folder() {
        return session.folder();
    }

    @Override
    public RunScope begin() throws IOException {
        StandbyLauncher launcher;
        synchronized (lock) {
            active++;
            epoch++;
            launcher = ready;
            ready = null;
        }
        try {
            if (launcher != null && launcher.alive()) {
                return new CgroupRun(launcher.cgroup(), launcher.name(), launcher, true);
            }
            if (launcher != null) {
                discard(launcher);
            }
            String name = "run-" + runs.incrementAndGet();
            return new CgroupRun(session.create(name), name, null, true);
        } catch (IOException | RuntimeException e) {
            runEnded();
            throw e;
        }
    }

    /** Whether a launcher waits for the next run (tests). */
    boolean launcherReady() {
        synchronized (lock) {
            return ready != null;
        }
    }

    /** A run whose process moves itself into its cgroup when it starts (the wrapper). */
    CgroupRun beginRun() throws IOException {
        String name = "run-" + runs.incrementAndGet();
        return new CgroupRun(session.create(name), name, null, false);
    }

    /** A run whose process is started ahead, now (tests; runs get theirs from {@link #begin()}). */
    CgroupRun beginAhead() throws IOException {
        StandbyLauncher l = startLauncher();
        return new CgroupRun(l.cgroup(), l.name(), l, false);
    }

    private StandbyLauncher startLauncher() throws IOException {
        String name = "run-" + runs.incrementAndGet();
        Cgroup cgroup = session.create(name);
        try {
            return StandbyLauncher.start(cgroup, name, lastEnvironment);
        } catch (IOException e) {
            cgroup.remove();
            throw e;
        }
    }

    /**
     * Whether each run's process is started ahead, already inside its cgroup (the default where bash and env
     * are found), or moves itself in when it starts; returns this containment. Benchmarks compare the two.
     */
    public CgroupContainment startingAhead(boolean on) {
        startAhead = on && StandbyLauncher.available();
        if (!startAhead) {
            StandbyLauncher l;
            synchronized (lock) {
                l = ready;
                ready = null;
            }
            if (l != null) {
                discard(l);
            }
        }
        return this;
    }

    /** A run begun by {@link #begin()} is over: when no other run is active, a launcher is started for the next. */
    private void runEnded() {
        long now;
        synchronized (lock) {
            active--;
            if (active > 0 || ready != null || closed || !startAhead) {
                return;
            }
            now = epoch;
        }
        prepareStandby(now);
    }

    /**
     * Starts a launcher for the next run in the background. It is kept only while no run is active (no probe
     * process of this session exists while it waits, so none can reach its stdin) and no run began meanwhile.
     */
    private void prepareStandby(long forEpoch) {
        try {
            preparer.execute(() -> {
                synchronized (lock) {
                    if (epoch != forEpoch || active > 0 || ready != null || closed) {
                        return;
                    }
                }
                StandbyLauncher l;
                try {
                    l = startLauncher();
                } catch (IOException | RuntimeException e) {
                    return; // no launcher this time: the next run moves its process into its cgroup itself
                }
                synchronized (lock) {
                    if (epoch == forEpoch && active == 0 && ready == null && !closed) {
                        ready = l;
                        return;
                    }
                }
                discard(l); // a run began while it started: it is not kept waiting next to a probe
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private static void discard(StandbyLauncher l) {
        l.discard();
        l.cgroup().killAll(KILL_WAIT);
        l.cgroup().remove();
    }

    @Override
    public String mechanism() {
        return "cgroup v2 " + session.folder();
    }

    @Override
    public void close() {
        closed = true;
        preparer.shutdownNow();
        try {
            preparer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StandbyLauncher l;
        synchronized (lock) {
            l = ready;
            ready = null;
        }
        if (l != null) {
            l.discard();
        }
        for (Cgroup c : session.withDescendants()) {
            if (c.populated()) {
                c.killAll(KILL_WAIT);
            }
        }
        session.remove();
    }

    /** One run's cgroup, with the launcher started ahead for it, if there is one. */
    final class CgroupRun implements RunScope {
        private final Cgroup cgroup;
        private final String name;
        private final StandbyLauncher launcher;
        /** Begun by {@link #begin()}: its end may start a launcher for the next run. */
        private final boolean counted;
        private boolean closedRun;

        CgroupRun(Cgroup cgroup, String name, StandbyLauncher launcher, boolean counted) {
            this.cgroup = cgroup;
            this.name = name;
            this.launcher = launcher;
            this.counted = counted;
        }

        Cgroup cgroup() {
            return cgroup;
        }

        String name() {
            return name;
        }

        /** Whether the run's process was started ahead and is already inside its cgroup. */
        boolean startedAhead() {
            return launcher != null;
        }

        /** The pid of the process started ahead (tests). */
        long launcherPid() {
            return launcher.pid();
        }

        @Override
        public Process start(Launch launch) throws IOException {
            List<String> argv = new java.util.ArrayList<>(ProcessGroups.inOwnSession(launch.argv()));
            argv.set(0, StandbyLauncher.resolve(argv.get(0)));
            lastEnvironment = launch.environment();
            return startInside(new Launch(argv, launch.directory(), launch.environment()));
        }

        private Process startInside(Launch launch) throws IOException {
            List<String> argv = launch.argv();
            if (launcher != null && argv.get(0).startsWith("/") && !argv.get(0).contains("=")) {
                return launcher.launch(launch);
            }
            if (launcher != null) {
                launcher.discard();
            }
            List<String> wrapped = new java.util.ArrayList<>(argv.size() + 4);
            wrapped.add(SHELL);
            wrapped.add("-c");
            wrapped.add(WRAPPER);
            wrapped.add(cgroup.procsFile().toString());
            wrapped.addAll(argv);
            return new Launch(wrapped, launch.directory(), launch.environment()).start();
        }

        @Override
        public void observe(Process process) {
            // the cgroup holds everything: nothing to watch
        }

        @Override
        public void checkEntered(int exitCode, byte[] stderr) throws IOException {
            String text = new String(stderr, StandardCharsets.UTF_8);
            if (exitCode == ENTRY_FAILED && (text.startsWith(ENTRY_FAILED_MESSAGE)
                    || text.startsWith(StandbyLauncher.START_FAILED_MESSAGE)
                    || text.startsWith(StandbyLauncher.FORGED_MESSAGE))) {
                throw new IOException(text.strip());
            }
        }

        @Override
        public java.util.Set<Long> stillRunning() {
            java.util.Set<Long> running = new java.util.TreeSet<>();
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
            if (closedRun) {
                return;
            }
            closedRun = true;
            if (launcher != null) {
                launcher.discard(); // not used (no start), or used: then it is the run's process, already gone
            }
            if (cgroup.populated()) {
                cgroup.killAll(KILL_WAIT);
            }
            cgroup.remove();
            if (counted) {
                runEnded();
            }
        }
    }
}
