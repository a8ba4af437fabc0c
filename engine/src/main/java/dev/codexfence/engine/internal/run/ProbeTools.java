package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apiguardian.api.API;

/**
 * Tools whose start through PATH costs more than the tool itself, resolved once per run session and handed to
 * probes as {@code FENCE_*} variables (probes/README.md). Today: {@code python3}, which on a pyenv machine is a
 * shell shim that spends ~0.4 s choosing the interpreter (the interpreter itself starts in ~0.04 s).
 *
 * <p>Resolution starts with the first probe run of the session and runs beside it, so that a run that starts
 * no python3 (one probe under {@code --rattle}) does not wait for it: that first probe gets no variable (its
 * python3, if any, comes from PATH: the same interpreter, through the shim), the later ones wait for the answer,
 * once. Resolution asks the {@code python3} that the probes' own PATH gives for {@code sys.executable}, with the
 * probes' environment (so {@code PYENV_VERSION}, pyenv's global choice, a venv on PATH all decide as they would
 * for the probe) in a scratch working directory of its own; the probe helper {@code fence_python3} then runs
 * that interpreter, and plain {@code python3} when the variable is unset. Nothing is resolved, and probes keep
 * {@code python3} from PATH, when there is none, when it answers anything but one executable absolute path, or
 * when it lies in a temp folder, where a probe could have put it (the harness never runs what a probe could
 * have planted), or when PATH has a relative entry before it (then the probe's working directory decides).
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeTools {

    /** The python3 interpreter's own path, as {@code sys.executable} names it. */
    public static final String PYTHON3 = "FENCE_PYTHON3";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Path> TEMP_ROOTS = List.of(
            Path.of(System.getProperty("java.io.tmpdir")),
            Path.of("/tmp"),
            Path.of("/var/tmp"),
            Path.of("/dev/shm"),
            Path.of("/private/tmp"),
            Path.of("/private/var/tmp"));

    private final ProcessRunner runner;
    private final List<Path> untrusted;
    private CompletableFuture<Map<String, String>> resolved;

    public ProbeTools(ProcessRunner runner) {
        this(runner, TEMP_ROOTS);
    }

    /** @param untrusted folders where a probe may have written: nothing found under them is run or handed over */
    ProbeTools(ProcessRunner runner, List<Path> untrusted) {
        this.runner = runner;
        this.untrusted = List.copyOf(untrusted);
    }

    /**
     * The variables to add to the environment of a probe whose environment is {@code probeEnvironment}. The first
     * call starts the resolution (with that environment) and returns no variable; later calls wait for it and
     * return the same map.
     */
    public Map<String, String> environment(Map<String, String> probeEnvironment) {
        CompletableFuture<Map<String, String>> answer;
        synchronized (this) {
            if (resolved == null) {
                Map<String, String> env = Map.copyOf(probeEnvironment);
                resolved = CompletableFuture.supplyAsync(
                        () -> python3(env).map(p -> Map.of(PYTHON3, p)).orElse(Map.<String, String>of()),
                        ProbeTools::daemon);
                return Map.of();
            }
            answer = resolved;
        }
        return answer.join();
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "codex-fence-probe-tools");
        t.setDaemon(true);
        t.start();
    }

    /** The interpreter {@code python3} from the PATH of {@code env} starts, if it can be told safely. */
    Optional<String> python3(Map<String, String> env) {
        Optional<Path> onPath = onPath(env.get("PATH"), "python3");
        if (onPath.isEmpty() || inTemp(onPath.get())) {
            return Optional.empty();
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("codex-fence-tools-");
            ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(
                    List.of(onPath.get().toString(), "-c", "import sys; print(sys.executable)"),
                    scratch,
                    env,
                    TIMEOUT,
                    4096,
                    4096,
                    () -> false));
            if (o.exitCode() != 0 || o.timedOut() || o.stdoutDropped() > 0) {
                return Optional.empty();
            }
            String out = new String(o.stdout(), StandardCharsets.UTF_8).strip();
            if (out.isEmpty() || out.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return Optional.empty();
            }
            Path interpreter = Path.of(out);
            if (!interpreter.isAbsolute()
                    || !Files.isRegularFile(interpreter)
                    || !Files.isExecutable(interpreter)
                    || inTemp(interpreter)) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (scratch != null) {
                Workspaces.delete(scratch);
            }
        }
    }

    private static Optional<Path> onPath(String path, String tool) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
                return Optional.empty(); // which python3 runs depends on the probe's working directory: leave it so
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private boolean inTemp(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return untrusted.stream()
                .anyMatch(root -> abs.startsWith(root.toAbsolutePath().normalize()));
    }
}
