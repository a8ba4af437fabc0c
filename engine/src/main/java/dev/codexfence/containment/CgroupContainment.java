package dev.codexfence.containment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    private static final String DASH = firstExecutable("/usr/bin/dash", "/bin/dash");
    /**
     * The wrapper's shell: dash where there is one (it passes the environment on as it got it, except the
     * variables {@link #restoring} puts back), else /bin/sh.
     */
    private static final String SHELL = DASH != null ? DASH : "/bin/sh";
    /** Variables dash sets itself at startup when they are in its environment (PWD: also when it is not). */
    private static final List<String> SHELL_SETS = List.of("IFS", "OPTIND", "PPID");
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cgroup session;
    private final AtomicLong runs = new AtomicLong();

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
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String name = SESSION_PREFIX + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
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
        return new Attempt(Optional.of(c), "");
    }

    /** Starts a shell through the wrapper, exactly as a run would: empty when it landed in the run's cgroup. */
    private Optional<String> selfTest() {
        try (CgroupRun scope = begin()) {
            Process p = scope.start(new Launch(List.of(SHELL, "-c", "cat /proc/self/cgroup 2>&1"), null, Map.of()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("moving a process into " + scope.cgroup().folder() + " did not finish");
            }
            String tail = "/" + session.folder().getFileName() + "/" + scope.cgroup().folder().getFileName();
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

    /** The session's cgroup folder. */
    public Path folder() {
        return session.folder();
    }

    @Override
    public CgroupRun begin() throws IOException {
        return new CgroupRun(session.create("run-" + runs.incrementAndGet()));
    }

    @Override
    public String mechanism() {
        return "cgroup v2 " + session.folder();
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
    public static final class CgroupRun implements RunScope {
        private final Cgroup cgroup;

        CgroupRun(Cgroup cgroup) {
            this.cgroup = cgroup;
        }

        Cgroup cgroup() {
            return cgroup;
        }

        @Override
        public Process start(Launch launch) throws IOException {
            List<String> wrapped = new ArrayList<>(launch.argv().size() + 5);
            wrapped.add(SHELL);
            wrapped.add("-c");
            wrapped.add(WRAPPER.replace("exec \"$@\"", restoring(launch.environment()) + "exec \"$@\""));
            wrapped.add(cgroup.procsFile().toString());
            wrapped.addAll(ProcessGroups.inOwnSession(launch.argv()));
            return new Launch(wrapped, launch.directory(), launch.environment()).start();
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
