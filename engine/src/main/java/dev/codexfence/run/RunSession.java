package dev.codexfence.run;

import dev.codexfence.catalog.CapabilityCatalog;
import dev.codexfence.catalog.Platform;
import dev.codexfence.containment.Containment;
import dev.codexfence.mode.CodexDetector;
import dev.codexfence.mode.ModeCatalog;
import dev.codexfence.mode.RunMode;
import dev.codexfence.probe.ProcessRunner;
import dev.codexfence.record.RecordAssembler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything one run shares: a private scratch folder, the helpers, the detected codex CLI and modes, the
 * stack facts (gathered once), the fixtures outside the fence, the workspace template and the NDJSON log.
 * Closing it stops the fixtures, writes the log and removes the scratch folder.
 */
public final class RunSession implements AutoCloseable {

    private final RunSettings settings;
    private final Path scratch;
    private final Path bin;
    private final Map<String, RunMode> modes;
    private final ObjectNode stack;
    private final Fixtures fixtures;
    private final Workspaces workspaces;
    private final RecordLog log;
    private final RecordAssembler assembler;
    private final Containment containment = Containment.forSession();
    private final ProcessRunner runner = new ProcessRunner(containment);
    private final Map<String, Optional<String>> preflights = new ConcurrentHashMap<>();
    private final Map<String, String> baseEnvironment;

    private RunSession(RunSettings settings, Path scratch, Path bin, Map<String, RunMode> modes, ObjectNode stack,
            Fixtures fixtures, Workspaces workspaces, RecordLog log, RecordAssembler assembler,
            Map<String, String> baseEnvironment) {
        this.settings = settings;
        this.scratch = scratch;
        this.bin = bin;
        this.modes = modes;
        this.stack = stack;
        this.fixtures = fixtures;
        this.workspaces = workspaces;
        this.log = log;
        this.assembler = assembler;
        this.baseEnvironment = baseEnvironment;
    }

    public static RunSession open(RunSettings settings, CapabilityCatalog catalog) throws IOException {
        Path scratch = Files.createTempDirectory("codex-fence-run-");
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Path bin = settings.runtimeBin() != null
                    ? RuntimeLayout.verify(settings.runtimeBin())
                    : RuntimeLayout.extract(scratch.resolve("bin"));
            Map<String, String> env = baseEnvironment();
            ProcessRunner runner = new ProcessRunner();
            Platform platform = Platform.current().orElse(Platform.LINUX);

            CodexDetector.Detection detection = detectCodex(settings, env, runner, platform);
            Map<String, RunMode> modes = new LinkedHashMap<>();
            for (RunMode m : ModeCatalog.create(settings.modes(), detection, settings.bash())) {
                modes.put(m.name(), m);
            }
            ObjectNode stack = StackFacts.gather(runner, bin, detection.found() ? detection.cli().executable() : null, env,
                    settings.cancelled());

            Fixtures fixtures = Fixtures.start(scratch, settings.netTarget());
            opened.add(fixtures);
            Workspaces workspaces = Workspaces.create(scratch, findOnPath(env.get("PATH"), "git"));
            opened.add(workspaces);
            RecordLog log = RecordLog.open(settings.ndjsonFile());
            opened.add(log);
            return new RunSession(settings, scratch, bin, modes, stack, fixtures, workspaces, log,
                    new RecordAssembler(catalog, RecordAssembler.bundledSchema()), env);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            Workspaces.delete(scratch);
            throw e;
        }
    }

    private static CodexDetector.Detection detectCodex(RunSettings settings, Map<String, String> env,
            ProcessRunner runner, Platform platform) {
        if (settings.modes().stream().noneMatch(ModeCatalog::isCodexMode)) {
            return new CodexDetector.Detection(null, "no codex mode requested");
        }
        Path codex = settings.codexPath();
        if (codex != null) {
            if (!Files.isExecutable(codex)) {
                return new CodexDetector.Detection(null, "configured codex CLI " + codex + " is not an executable file");
            }
        } else {
            Optional<Path> found = CodexLocator.locate(env.get("PATH"), Path.of(""));
            if (found.isEmpty()) {
                return new CodexDetector.Detection(null, "codex CLI not found (not on PATH, no "
                        + CodexLocator.PROJECT_LOCAL + "); install it with 'npm install --prefix .tools/codex @openai/codex'");
            }
            codex = found.get();
        }
        return new CodexDetector(runner, env).detect(codex, platform);
    }

    /** The environment every probe starts from: this process's, without any inherited FENCE_* variable. */
    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("FENCE_"));
        return env;
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

    public Optional<RunMode> mode(String name) {
        return Optional.ofNullable(modes.get(name));
    }

    public List<RunMode> modes() {
        return List.copyOf(modes.values());
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

    ProcessRunner runner() {
        return runner;
    }

    /** The stack object for records of {@code mode}. */
    ObjectNode stackFor(RunMode mode) {
        ObjectNode s = stack.deepCopy();
        putNullable(s, "codex_profile", mode.codexProfile());
        putNullable(s, "sandbox_mode", mode.sandboxMode());
        putNullable(s, "sandbox_interface", mode.sandboxInterface());
        return s;
    }

    /** The environment of a probe run in {@code mode} with {@code workspace}. */
    Map<String, String> environmentFor(RunMode mode, Path workspace) {
        Map<String, String> env = new LinkedHashMap<>(baseEnvironment);
        env.putAll(fixtures.environment());
        env.put("FENCE_RUN_MODE", mode.name());
        env.put("FENCE_WORKSPACE_ROOT", workspace.toString());
        env.put("FENCE_BIN", bin.toString());
        env.putAll(settings.probeEnvironment());
        return env;
    }

    /**
     * The preflight verdict for a mode, computed once: empty when the mode may run its probes, else why not.
     * A failed preflight also leaves a preflight record in the log.
     */
    public Optional<String> preflight(RunMode mode) {
        if (!settings.preflight()) {
            return Optional.empty();
        }
        return preflights.computeIfAbsent(mode.name(), name -> new Preflight(this).check(mode));
    }

    private static void putNullable(ObjectNode node, String key, String value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            workspaces.close();
            fixtures.close();
            log.close();
        } finally {
            containment.close();
            Workspaces.delete(scratch);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
