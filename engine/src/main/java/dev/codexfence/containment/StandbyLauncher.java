package dev.codexfence.containment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A process started ahead of a run, already inside the run's cgroup, waiting for the command. Moving a process
 * into a cgroup ({@code cgroup.procs}) makes the kernel wait for an RCU grace period (cgroup v2's threadgroup
 * lock), several milliseconds of sleep on this machine class (HZ=250: a median of 11 ms for moves 20 ms apart,
 * under load); a launcher pays it while the previous run goes on instead of at the start of its own.
 *
 * <p>The launcher is a POSIX shell (dash where there is one) started with a guess of the run's environment (the
 * previous run's). It moves itself into the cgroup, then reads a short script from its stdin (a line count, then
 * the lines, after a secret it was given when it started), takes stdin from /dev/null and evaluates it: change
 * to the run's directory, turn the guessed
 * environment into exactly the run's ({@code unset}/{@code export} of what differs), and exec the command, as
 * the same process (pid), with the launcher's stdout and stderr (the pipes the harness reads). Every word of the
 * script is single-quoted by the harness. Where the environment cannot be set that way (a variable name that
 * is not a shell identifier, a variable the shell manages itself, no dash), the script execs
 * {@code env -i ENTRIES... ARGV...} instead.
 *
 * <p>The launcher's stdin is a pipe that another process of the same user could open through
 * {@code /proc/PID/fd/0} (a probe in baseline or codex-full; sandboxed probes see no host process). The
 * harness hands the launcher a random secret the moment it starts and begins every command with it; a launcher
 * that reads anything else first refuses to run it (exit 125, "harness integrity"), so a probe can make the next
 * run fail, never run a command of its own in its place.
 */
final class StandbyLauncher {

    static final String DASH = firstExecutable("/usr/bin/dash", "/bin/dash");
    static final String SH = DASH != null ? DASH : firstExecutable("/bin/sh");
    static final String ENV = firstExecutable("/usr/bin/env", "/bin/env");
    /** Said on stderr (exit status 125) when the directory cannot be entered or the command cannot be run. */
    static final String START_FAILED_MESSAGE = "codex-fence: could not start the run: ";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Variables dash sets or resets itself (IFS, OPTIND, PPID), or changes on cd (PWD, OLDPWD). */
    private static final Set<String> MANAGED = Set.of("IFS", "OPTIND", "PPID");
    private static final List<String> CHANGED_BY_CD = List.of("PWD", "OLDPWD");

    /** Said on stderr (exit status 125) when the launcher got a command without the harness's secret. */
    static final String FORGED_MESSAGE = "codex-fence: harness integrity: the launcher of this run got a command that did"
            + " not come from the harness";

    private static final String SCRIPT = String.join("\n",
            "IFS= read -r k || exit " + CgroupContainment.ENTRY_FAILED,
            "{ echo $$ > \"$0\"; } 2>/dev/null || { echo \"" + CgroupContainment.ENTRY_FAILED_MESSAGE
                    + "${0%/cgroup.procs}\" >&2; exit " + CgroupContainment.ENTRY_FAILED + "; }",
            "IFS= read -r h || exit " + CgroupContainment.ENTRY_FAILED,
            "[ \"$h\" = \"$k\" ] || { echo '" + FORGED_MESSAGE + "' >&2; exit " + CgroupContainment.ENTRY_FAILED + "; }",
            "IFS= read -r n || exit " + CgroupContainment.ENTRY_FAILED,
            "s=''",
            "i=0",
            "while [ \"$i\" -lt \"$n\" ]; do IFS= read -r l || exit " + CgroupContainment.ENTRY_FAILED + "; s=\"$s$l",
            "\"; i=$((i + 1)); done",
            "exec </dev/null",
            "eval \"$s\"",
            "exit " + CgroupContainment.ENTRY_FAILED,
            "");

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Cgroup cgroup;
    private final String name;
    private final Process process;
    /** The environment it was started with, which the script turns into the run's. */
    private final Map<String, String> guess;
    private final String secret;

    private StandbyLauncher(Cgroup cgroup, String name, Process process, Map<String, String> guess, String secret) {
        this.cgroup = cgroup;
        this.name = name;
        this.process = process;
        this.guess = guess;
        this.secret = secret;
    }

    /** Whether launchers can be used here (a POSIX shell and env at their usual places). */
    static boolean available() {
        return SH != null && ENV != null;
    }

    /**
     * Starts a launcher for the (new, empty) cgroup {@code cgroup}, with {@code guess} as its environment when it
     * can be turned into another by the shell, else with none.
     */
    static StandbyLauncher start(Cgroup cgroup, String name, Map<String, String> guess) throws IOException {
        Map<String, String> env = shellCanSet(guess) ? Map.copyOf(guess) : Map.of();
        ProcessBuilder pb = new ProcessBuilder(SH, "-c", SCRIPT, cgroup.procsFile().toString());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(new java.io.File("/"));
        Process p = pb.start();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String secret = java.util.HexFormat.of().formatHex(bytes);
        try {
            p.getOutputStream().write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return new StandbyLauncher(cgroup, name, p, env, secret);
    }

    Cgroup cgroup() {
        return cgroup;
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Hands the run to the launcher, which execs the command; the returned process is the run's first process.
     * {@code argv[0]} must be an absolute path.
     */
    Process launch(Launch launch) throws IOException {
        String script = script(launch);
        long lines = script.chars().filter(c -> c == '\n').count();
        try (OutputStream in = process.getOutputStream()) {
            in.write((secret + "\n" + lines + "\n" + script).getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    /** The script the launcher evaluates for {@code launch}; every word single-quoted, ending with a newline. */
    String script(Launch launch) {
        String program = launch.argv().get(0);
        if (!program.startsWith("/")) {
            throw new IllegalArgumentException("a launcher needs an absolute program path: " + program);
        }
        String dir = (launch.directory() == null ? Path.of("") : launch.directory()).toAbsolutePath().toString();
        StringBuilder s = new StringBuilder();
        s.append("cd -- ").append(quote(dir)).append(" 2>/dev/null || { printf '%s\\n' ")
                .append(quote(START_FAILED_MESSAGE + "cannot enter " + dir)).append(" >&2; exit ")
                .append(CgroupContainment.ENTRY_FAILED).append("; }\n");
        s.append("[ -x ").append(quote(program)).append(" ] || { printf '%s\\n' ")
                .append(quote(START_FAILED_MESSAGE + program + " is not executable")).append(" >&2; exit ")
                .append(CgroupContainment.ENTRY_FAILED).append("; }\n");
        Map<String, String> env = launch.environment();
        if (DASH != null && shellCanSet(env) && shellCanSet(guess)) {
            Set<String> unset = new TreeSet<>();
            List<String> export = new ArrayList<>();
            for (String n : guess.keySet()) {
                if (!env.containsKey(n)) {
                    unset.add(n);
                }
            }
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
                if (CHANGED_BY_CD.contains(e.getKey()) || !Objects.equals(guess.get(e.getKey()), e.getValue())) {
                    export.add(quote(e.getKey() + "=" + e.getValue()));
                }
            }
            for (String n : CHANGED_BY_CD) {
                if (!env.containsKey(n)) {
                    unset.add(n);
                }
            }
            s.append("unset -v");
            unset.forEach(n -> s.append(' ').append(quote(n)));
            s.append('\n');
            if (!export.isEmpty()) {
                s.append("export ").append(String.join(" ", export)).append('\n');
            }
            s.append("exec");
        } else {
            s.append("exec ").append(quote(ENV)).append(" -i");
            for (Map.Entry<String, String> e : env.entrySet()) {
                s.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
            }
            if (program.contains("=")) {
                throw new IllegalArgumentException("env would take this program for an assignment: " + program);
            }
        }
        for (String a : launch.argv()) {
            s.append(' ').append(quote(a));
        }
        return s.append('\n').toString();
    }

    /** Stops a launcher that will not be used (its cgroup is removed by its owner). */
    void discard() {
        process.destroyForcibly();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Whether the shell can set exactly these variables with unset/export (identifier names it leaves alone). */
    private static boolean shellCanSet(Map<String, String> env) {
        for (String n : env.keySet()) {
            if (!NAME.matcher(n).matches() || MANAGED.contains(n)) {
                return false;
            }
        }
        return true;
    }

    /** One shell word holding exactly {@code s}. */
    static String quote(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a process");
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * The program of a launch as a path the launcher can run: absolute, a bare name resolved against this JVM's
     * PATH (as ProcessBuilder resolves it), or unchanged when not found.
     */
    static String resolve(String program) {
        if (program.contains("/")) {
            return Path.of(program).toAbsolutePath().toString();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toAbsolutePath().toString();
            }
        }
        return program;
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }
}
