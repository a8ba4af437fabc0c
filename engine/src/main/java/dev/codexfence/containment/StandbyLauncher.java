package dev.codexfence.containment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A process started ahead of a run, already inside the run's cgroup, waiting for the command. Moving a process
 * into a cgroup ({@code cgroup.procs}) makes the kernel wait for an RCU grace period (cgroup v2's threadgroup
 * lock), several milliseconds of sleep on this machine class (HZ=250: a median of 11 ms under load); a launcher
 * pays it while the previous run goes on instead of at the start of its own.
 *
 * <p>The launcher is bash: it moves itself into the cgroup, then reads the run from its stdin as NUL-terminated
 * fields (directory, number of environment entries, the entries, the arguments) until the harness closes it,
 * takes stdin from /dev/null, changes to the directory and execs {@code env -i ENTRIES... ARGV...}: the command
 * starts with exactly the run's environment, as the same process (pid), with the launcher's stdout and stderr
 * (the pipes the harness reads).
 */
final class StandbyLauncher {

    static final String BASH = firstExecutable("/bin/bash", "/usr/bin/bash");
    static final String ENV = firstExecutable("/usr/bin/env", "/bin/env");
    /** Said on stderr (exit status 125) when the directory cannot be entered or the command cannot be run. */
    static final String START_FAILED_MESSAGE = "codex-fence: could not start the run: ";

    private static final String SCRIPT = String.join("\n",
            "{ echo $$ > \"$0\"; } 2>/dev/null || { echo \"" + CgroupContainment.ENTRY_FAILED_MESSAGE
                    + "${0%/cgroup.procs}\" >&2; exit " + CgroupContainment.ENTRY_FAILED + "; }",
            "IFS= read -r -d '' dir || exit " + CgroupContainment.ENTRY_FAILED,
            "IFS= read -r -d '' n || exit " + CgroupContainment.ENTRY_FAILED,
            "env=()",
            "for ((i = 0; i < n; i++)); do IFS= read -r -d '' e; env+=(\"$e\"); done",
            "argv=()",
            "while IFS= read -r -d '' a; do argv+=(\"$a\"); done",
            "exec </dev/null",
            "cd -- \"$dir\" 2>/dev/null || { echo \"" + START_FAILED_MESSAGE + "cannot enter $dir\" >&2; exit "
                    + CgroupContainment.ENTRY_FAILED + "; }",
            "[ -x \"${argv[0]}\" ] || { echo \"" + START_FAILED_MESSAGE + "${argv[0]} is not executable\" >&2; exit "
                    + CgroupContainment.ENTRY_FAILED + "; }",
            "exec " + ENV + " -i \"${env[@]}\" \"${argv[@]}\"");

    private final Cgroup cgroup;
    private final String name;
    private final Process process;

    private StandbyLauncher(Cgroup cgroup, String name, Process process) {
        this.cgroup = cgroup;
        this.name = name;
        this.process = process;
    }

    /** Whether launchers can be used here (bash and env at their usual places). */
    static boolean available() {
        return BASH != null && ENV != null;
    }

    /** Starts a launcher for the (new, empty) cgroup {@code cgroup}. */
    static StandbyLauncher start(Cgroup cgroup, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(BASH, "-c", SCRIPT, cgroup.procsFile().toString());
        pb.environment().clear();
        pb.directory(new java.io.File("/"));
        return new StandbyLauncher(cgroup, name, pb.start());
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

    /**
     * Hands the run to the launcher: it execs the command ({@code argv[0]} must be a path, and hold no '=').
     * The returned process is the run's first process.
     */
    Process launch(Launch launch) throws IOException {
        String program = launch.argv().get(0);
        if (!program.startsWith("/") || program.contains("=")) {
            throw new IllegalArgumentException("a launcher needs an absolute program path: " + program);
        }
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        String dir = (launch.directory() == null ? Path.of("") : launch.directory()).toAbsolutePath().toString();
        field(fields, dir);
        field(fields, Integer.toString(launch.environment().size()));
        for (Map.Entry<String, String> e : launch.environment().entrySet()) {
            field(fields, e.getKey() + "=" + e.getValue());
        }
        for (String a : launch.argv()) {
            field(fields, a);
        }
        try (OutputStream in = process.getOutputStream()) {
            fields.writeTo(in);
        }
        return process;
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

    private static void field(ByteArrayOutputStream out, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a process");
        }
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
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
