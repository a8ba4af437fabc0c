package dev.codexfence.bench;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.containment.Containment;
import dev.codexfence.engine.internal.containment.ProcessScanContainment;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.ndjson.RecordLog;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.record.RecordLine;
import dev.codexfence.engine.internal.run.ProbeExecutor;
import dev.codexfence.engine.internal.run.ProbeRunResult;
import dev.codexfence.engine.internal.run.RunSession;
import dev.codexfence.engine.internal.run.RunSettings;
import dev.codexfence.engine.internal.run.Workspaces;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a probe run's time goes: the steps the engine takes for every run, each timed on its own with the
 * engine's own classes (the calls ProbeExecutor and RecordPublisher make), and the whole ProbeExecutor.run
 * in a run session without the JUnit Platform around it. Measured in rounds, interleaved with the engine
 * runs, so that every figure samples the same machine load.
 */
final class OverheadBreakdown implements AutoCloseable {

    static final String PROCESS = "probe process (ProcessRunner: spawn, bash, emit-record, capture), as the engine"
            + " holds it";
    static final String PROCESS_SCAN = "the same, held by the /proc scan (setsid, group + token scan), no cgroup";
    static final String COPY = "workspace copy (the template: a git repository)";
    static final String DELETE = "workspace delete";
    static final String ASSEMBLE = "record assembly + schema validation";
    static final String APPEND = "NDJSON append + flush";
    static final String FILE_ENTRY = "record.json file entry (mkdir -p + write)";
    static final String EXECUTOR = "ProbeExecutor.run alone (all of the above, in a run session)";

    private final Map<String, List<Long>> samples = new LinkedHashMap<>();
    private final Path scratch;
    private final List<Path> probes;
    private final Workspaces workspaces;
    private final Path ws;
    /** What the engine's run session uses here: a cgroup where one can be made, else the /proc scan. */
    private final Containment containment = Containment.forSession();
    private final ProcessRunner runner = new ProcessRunner(containment);
    private final ProcessRunner scanRunner = new ProcessRunner(new ProcessScanContainment("benchmark"));
    private final Map<String, String> env;
    private final RecordAssembler assembler;
    private final RecordLog log;
    private final RunSession session;
    private final List<ProbeScript> parsed = new ArrayList<>();
    private final RunMode baseline;
    private final ProbeExecutor executor;
    private int fileEntries;
    private int next;

    OverheadBreakdown(Path scratch, Path helpers, List<Path> probes) throws IOException {
        this.scratch = scratch;
        this.probes = probes;
        for (String step : List.of(PROCESS, PROCESS_SCAN, COPY, DELETE, ASSEMBLE, APPEND, FILE_ENTRY, EXECUTOR)) {
            samples.put(step, new ArrayList<>());
        }
        workspaces = Workspaces.create(Files.createDirectories(scratch.resolve("breakdown-ws")), git());
        ws = workspaces.fresh("bench", "baseline");
        env = new LinkedHashMap<>(System.getenv());
        env.put("FENCE_BIN", helpers.toString());
        env.put("FENCE_RUN_MODE", "baseline");
        env.put("FENCE_WORKSPACE_ROOT", ws.toString());
        CapabilityCatalog catalog = new CatalogLoader().loadBundled();
        assembler = new RecordAssembler(catalog, RecordAssembler.bundledSchema());
        log = RecordLog.open(scratch.resolve("breakdown-log/run.ndjson"));
        session = RunSession.open(new RunSettings(List.of("baseline"), null, Duration.ofSeconds(30), false, Map.of(),
                null, null, scratch.resolve("executor-log/run.ndjson"), "bash", () -> false), catalog);
        baseline = session.mode("baseline").orElseThrow();
        executor = new ProbeExecutor(session);
        ProbeParser parser = new ProbeParser(catalog);
        for (Path p : probes) {
            parsed.add(parser.parse(p.getParent(), p));
        }
    }

    /** Which containment the engine-like process step used. */
    String mechanism() {
        return containment.mechanism();
    }

    /** Times every step {@code count} times. */
    void round(int count) throws Exception {
        for (int i = 0; i < count; i++, next++) {
            Path file = probes.get(next % probes.size());

            long t0 = System.nanoTime();
            ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(List.of("bash", file.toString()), ws, env,
                    Duration.ofSeconds(30), 1 << 20, 1 << 20, () -> false));
            long t1 = System.nanoTime();
            if (o.exitCode() != 0) {
                throw new IllegalStateException(file + " exited " + o.exitCode() + ": " + new String(o.stderr(), StandardCharsets.UTF_8));
            }
            add(PROCESS, t1 - t0);

            t0 = System.nanoTime();
            o = scanRunner.run(new ProcessRunner.Spec(List.of("bash", file.toString()), ws, env,
                    Duration.ofSeconds(30), 1 << 20, 1 << 20, () -> false));
            add(PROCESS_SCAN, System.nanoTime() - t0);
            if (o.exitCode() != 0 || o.leftBehind()) {
                throw new IllegalStateException(file + " exited " + o.exitCode() + " under the /proc scan");
            }

            t0 = System.nanoTime();
            Path fresh = workspaces.fresh("bench", "baseline");
            t1 = System.nanoTime();
            Workspaces.delete(fresh);
            long t2 = System.nanoTime();
            add(COPY, t1 - t0);
            add(DELETE, t2 - t1);

            String id = file.getFileName().toString().replace(".sh", "");
            BoundaryObject.Stack stack = RecordJson.stack(FenceJson.MAPPER.readTree(o.stdout()).get("stack"));
            t0 = System.nanoTime();
            RecordLine record = assembler.assemble(o.stdout(), new RecordAssembler.Expectation(id, "baseline", stack));
            add(ASSEMBLE, System.nanoTime() - t0);

            t0 = System.nanoTime();
            log.append(record);
            add(APPEND, System.nanoTime() - t0);

            t0 = System.nanoTime();
            Path dir = Files.createDirectories(scratch.resolve("breakdown-out/[engine:codex-fence]/[probe:"
                    + (fileEntries++) + "]/[mode:baseline]"));
            Files.writeString(dir.resolve("record.json"), record.json() + "\n", StandardCharsets.UTF_8);
            add(FILE_ENTRY, System.nanoTime() - t0);

            t0 = System.nanoTime();
            ProbeRunResult result = executor.run(parsed.get(next % parsed.size()), baseline);
            add(EXECUTOR, System.nanoTime() - t0);
            if (result.failure().isPresent()) {
                throw new IllegalStateException(file + ": " + result.failure().get());
            }
        }
    }

    private void add(String step, long nanos) {
        samples.get(step).add(nanos);
    }

    Stats stats(String step) {
        return Stats.ofNanos(samples.get(step));
    }

    /** The single steps, without the whole-executor figure. */
    List<String> singleSteps() {
        return List.of(PROCESS, COPY, DELETE, ASSEMBLE, APPEND, FILE_ENTRY);
    }

    /** Steps measured next to the single steps, not part of their sum. */
    List<String> alternatives() {
        return List.of(PROCESS_SCAN);
    }

    @Override
    public void close() throws IOException {
        try {
            log.close();
        } finally {
            containment.close();
            session.close();
        }
    }

    private static String git() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "git");
            if (f.canExecute() && f.isFile()) {
                return f.getPath();
            }
        }
        return null;
    }
}
