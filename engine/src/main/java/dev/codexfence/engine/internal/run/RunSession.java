package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.containment.Containment;
import dev.codexfence.engine.internal.mode.CodexDetector;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.ndjson.RecordLog;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything one run shares: a private scratch folder (0700, in the {@link ScratchRoot}, outside every root a
 * sandboxed probe may write), the helpers (a private copy, guarded by {@link HelperGuard}), the fixtures outside the
 * fence, the workspaces (made from an in-memory manifest), the {@link IntegrityWatch} that checks the harness's files
 * around every probe run, and the NDJSON log; and the {@link RunStack} of the configured codex CLI (its detected
 * modes, the stack facts, gathered once, and the preflight verdicts). A run over several codex releases opens one more
 * {@link RunStack} per release ({@link #openRelease}), which shares all the rest. Closing it stops the fixtures, writes the log and removes the scratch folder; what could not be
 * removed, and changes no probe run could be failed for, make {@link #close()} throw
 * {@link RunIntegrityException} after everything else is done.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSession implements AutoCloseable {

    private final RunSettings settings;
    private final Path scratch;
    private final Path bin;
    private final RunStack main;
    private final Platform platform;
    private final Fixtures fixtures;
    private final Workspaces workspaces;
    private final IntegrityWatch watch;
    private final RecordLog log;
    private final RecordAssembler assembler;
    private final Containment containment = Containment.forSession();
    private final ProcessRunner runner = new ProcessRunner(containment);
    private final ProbeTools probeTools = new ProbeTools(runner);
    private final Map<String, String> baseEnvironment;

    private RunSession(
            RunSettings settings,
            Path scratch,
            Path bin,
            RunStack main,
            Platform platform,
            Fixtures fixtures,
            Workspaces workspaces,
            IntegrityWatch watch,
            RecordLog log,
            RecordAssembler assembler,
            Map<String, String> baseEnvironment) {
        this.settings = settings;
        this.scratch = scratch;
        this.bin = bin;
        this.main = main;
        this.platform = platform;
        this.fixtures = fixtures;
        this.workspaces = workspaces;
        this.watch = watch;
        this.log = log;
        this.assembler = assembler;
        this.baseEnvironment = baseEnvironment;
    }

    public static RunSession open(RunSettings settings, CapabilityCatalog catalog) throws IOException {
        Map<String, byte[]> helpers =
                settings.runtimeBin() != null ? RuntimeLayout.read(settings.runtimeBin()) : RuntimeLayout.bundled();
        Path root = ScratchRoot.prepare(settings.scratchRoot(), System.getenv(), settings.probeEnvironment());
        Path scratch = ScratchRoot.newRunFolder(root);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            IntegrityWatch watch = new IntegrityWatch();
            HelperGuard guard = HelperGuard.install(scratch.resolve("bin"), helpers);
            watch.guard(guard);
            Path bin = guard.dir();
            Map<String, String> env = baseEnvironment();
            ProcessRunner runner = new ProcessRunner();
            Platform platform = Platform.current().orElse(Platform.LINUX);

            CodexDetector.Detection detection = detectCodex(settings, env, runner, platform);
            List<RunMode> modes = ModeCatalog.create(settings.modes(), detection, settings.bash());
            BoundaryObject.Stack stack = StackFacts.gather(
                    runner,
                    bin,
                    detection.found() ? detection.cli().executable() : null,
                    settings.codexRelease(),
                    env,
                    settings.cancelled());

            Fixtures fixtures = Fixtures.start(scratch, settings.netTarget());
            opened.add(fixtures);
            Workspaces workspaces = Workspaces.create(scratch, findOnPath(env.get("PATH"), "git"), watch);
            opened.add(workspaces);
            RecordLog log = RecordLog.open(settings.ndjsonFile());
            opened.add(log);
            return new RunSession(
                    settings,
                    scratch,
                    bin,
                    new RunStack(modes, stack, false),
                    platform,
                    fixtures,
                    workspaces,
                    watch,
                    log,
                    new RecordAssembler(catalog, RecordAssembler.bundledSchema()),
                    env);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            TreeDeletion.delete(scratch);
            throw e;
        }
    }

    /**
     * Opens the stack of one codex release for a run over several: detects its interface (with the run's
     * allow-listed environment, as for the configured codex), makes its modes and gathers its stack facts, which
     * carry {@code npmVersion} as {@code codex_npm_version}. Shares the rest of the session; nothing to close.
     *
     * @param codex the release's npm launcher in the cache
     * @param modeNames the codex modes to run with it
     * @throws IOException when the stack facts cannot be gathered
     */
    public RunStack openRelease(String npmVersion, Path codex, List<String> modeNames) throws IOException {
        CodexDetector.Detection detection = Files.isExecutable(codex)
                ? new CodexDetector(runner, baseEnvironment).detect(codex, platform)
                : new CodexDetector.Detection(
                        null, "codex " + npmVersion + ": " + codex + " is not an executable file");
        List<RunMode> modes = ModeCatalog.create(modeNames, detection, settings.bash());
        BoundaryObject.Stack stack = StackFacts.gather(
                runner,
                bin,
                detection.found() ? detection.cli().executable() : null,
                npmVersion,
                baseEnvironment,
                settings.cancelled());
        return new RunStack(modes, stack, true);
    }

    private static CodexDetector.Detection detectCodex(
            RunSettings settings, Map<String, String> env, ProcessRunner runner, Platform platform) {
        if (settings.modes().stream().noneMatch(ModeCatalog::isCodexMode)) {
            return new CodexDetector.Detection(null, "no codex mode requested");
        }
        Path codex = settings.codexPath();
        if (codex != null) {
            if (!Files.isExecutable(codex)) {
                return new CodexDetector.Detection(
                        null, "configured codex CLI " + codex + " is not an executable file");
            }
        } else {
            Optional<Path> found = CodexLocator.locate(env.get("PATH"), Path.of(""));
            if (found.isEmpty()) {
                return new CodexDetector.Detection(
                        null,
                        "codex CLI not found (not on PATH, no " + CodexLocator.PROJECT_LOCAL
                                + "); install it with 'npm install --prefix .tools/codex @openai/codex'");
            }
            codex = found.get();
        }
        return new CodexDetector(runner, env).detect(codex, platform);
    }

    /** The environment every process of the run starts from: the allow-listed part of this process's. */
    private static Map<String, String> baseEnvironment() {
        return ProbeEnvironment.allowListed(System.getenv());
    }

    static String findOnPath(String path, String tool) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }

    public RunSettings settings() {
        return settings;
    }

    /** The stack of the configured codex CLI (for a run over several releases: of baseline alone). */
    public RunStack stack() {
        return main;
    }

    public Optional<RunMode> mode(String name) {
        return main.mode(name);
    }

    public List<RunMode> modes() {
        return main.modes();
    }

    public RecordAssembler assembler() {
        return assembler;
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    public RecordLog log() {
        return log;
    }

    Path bin() {
        return bin;
    }

    Workspaces workspaces() {
        return workspaces;
    }

    IntegrityWatch integrity() {
        return watch;
    }

    /** The run's private scratch folder (workspaces, helpers and fixtures lie in it). */
    public Path scratch() {
        return scratch;
    }

    ProcessRunner runner() {
        return runner;
    }

    /** The environment of a probe run in {@code mode} with {@code workspace}. */
    Map<String, String> environmentFor(RunMode mode, Path workspace) {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        env.putAll(fixtures.environment());
        env.put("FENCE_RUN_MODE", mode.name());
        env.put("FENCE_WORKSPACE_ROOT", workspace.toString());
        env.put("FENCE_BIN", bin.toString());
        env.putAll(ProbeEnvironment.additions(settings.probeEnvironment()));
        probeTools.environment(env).forEach(env::putIfAbsent);
        return mode.environment(env); // codex's native binary: what its npm launcher would have set
    }

    /**
     * The preflight verdict for a mode, computed once: empty when the mode may run its probes, else why not.
     * A failed preflight also leaves a preflight record in the log.
     */
    public Optional<String> preflight(RunMode mode) {
        return preflight(main, mode);
    }

    /** {@link #preflight(RunMode)} for a mode of {@code stack}: once per stack and mode. */
    public Optional<String> preflight(RunStack stack, RunMode mode) {
        if (!settings.preflight()) {
            return Optional.empty();
        }
        return stack.preflight(mode, m -> new Preflight(this, stack).check(m));
    }

    /**
     * Stops the fixtures, writes the NDJSON file and removes the scratch folder, then throws
     * {@link RunIntegrityException} if the run as a whole is unsound: scratch entries that could not be removed, a
     * change to the harness's files no running probe run was failed for, the partial NDJSON file tampered with.
     */
    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            workspaces.close();
            fixtures.close();
            log.close();
            log.tampering().ifPresent(problems::add);
        } finally {
            containment.close();
            List<TreeDeletion.Failure> left = TreeDeletion.delete(scratch);
            if (!left.isEmpty()) {
                problems.add("harness scratch: " + TreeDeletion.describe(left) + "; they are left in the run's scratch"
                        + " folder " + scratch
                        + " (a probe made them undeletable: remove them by hand, e.g. chattr -i)");
            }
        }
        problems.addAll(0, watch.unattributed());
        if (!problems.isEmpty()) {
            throw new RunIntegrityException(problems);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
