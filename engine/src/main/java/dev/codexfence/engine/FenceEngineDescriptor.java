package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.expect.ExpectationGate;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.release.CodexInstaller;
import dev.codexfence.engine.internal.release.CodexReleases;
import dev.codexfence.engine.internal.release.ResolvedRelease;
import dev.codexfence.engine.internal.release.VersionSpec;
import dev.codexfence.engine.internal.run.CodexFenceCache;
import dev.codexfence.engine.internal.run.RunIntegrityException;
import dev.codexfence.engine.internal.run.RunSession;
import dev.codexfence.engine.internal.run.RunSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/** The engine's root: opens the run session before any probe runs and closes it after the last one. */
final class FenceEngineDescriptor extends EngineDescriptor implements Node<FenceExecutionContext> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** Tells apart runs of one JVM that start within the same millisecond. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final FenceConfiguration config;
    private final CapabilityCatalog catalog;
    private final ReleasePlan plan;
    private volatile ExpectationGate expectations = ExpectationGate.disabled();
    /** What reports on the run once it is over, in order; chosen when the run opens. */
    private volatile List<RunObserver> observers = List.of();

    FenceEngineDescriptor(UniqueId id, FenceConfiguration config, CapabilityCatalog catalog, ReleasePlan plan) {
        super(id, "codex-fence");
        this.config = config;
        this.catalog = catalog;
        this.plan = plan;
    }

    @Override
    public FenceExecutionContext before(FenceExecutionContext context) throws Exception {
        if (getChildren().isEmpty()) {
            return context; // nothing selected for this engine (e.g. Surefire's class selectors): no run at all
        }
        var request = context.request();
        expectations = ExpectationGate.open(config.expectations()); // a broken expectations file fails the run here
        observers = observers(expectations);
        // a run over several releases: the session's own stack is baseline's (no codex); each release node opens its
        // own
        Optional<ResolvedRelease.Ready> release = plan.several()
                ? Optional.empty()
                : singleRelease(new EngineReport(request.getEngineExecutionListener(), this));
        Path codex = plan.several()
                ? null
                : release.map(r -> CodexInstaller.launcher(r.install()))
                        .orElse(config.codexPath().orElse(null));
        RunSettings settings = new RunSettings(
                plan.topModes(),
                codex,
                config.timeout(),
                config.preflight(),
                config.probeEnvironment(),
                config.netTarget().orElse(null),
                config.runtimeBin().orElse(null),
                ndjsonFile(context),
                config.bash(),
                () -> request.getCancellationToken().isCancellationRequested(),
                config.scratchDir().orElse(null),
                release.map(r -> r.version().text()).orElse(null));
        return context.withSession(RunSession.open(settings, catalog));
    }

    /** The run's post-run reporting: the NDJSON file, the expectations summary, the fence map when configured. */
    private List<RunObserver> observers(ExpectationGate gate) {
        List<RunObserver> all = new ArrayList<>();
        all.add(new NdjsonFileObserver());
        all.add(new ExpectationsSummaryObserver(gate));
        config.reportFile().ifPresent(file -> all.add(new FenceMapObserver(catalog, gate, file)));
        return List.copyOf(all);
    }

    /**
     * The one release {@link Constants#CODEX_VERSIONS} names in a run over one, installed on demand; empty when the
     * run takes {@link Constants#CODEX_PATH} (or has no codex mode). A skipped release fails the run with its reason.
     */
    private Optional<ResolvedRelease.Ready> singleRelease(EngineReport report) {
        if (config.codexVersions().isEmpty() || config.modes().stream().noneMatch(ModeCatalog::isCodexMode)) {
            return Optional.empty();
        }
        String specs = config.codexVersions().stream().map(VersionSpec::text).collect(Collectors.joining(","));
        List<ResolvedRelease> releases =
                CodexReleases.forUser(System.getenv()).resolve(config.codexVersions(), report::note);
        if (releases.size() != 1) {
            throw new ConfigurationException(
                    Constants.CODEX_VERSIONS,
                    specs,
                    "names " + releases.size() + " releases ("
                            + releases.stream().map(ResolvedRelease::label).collect(Collectors.joining(", "))
                            + ") where discovery found one; the list of releases changed in between: run again");
        }
        if (releases.get(0) instanceof ResolvedRelease.Skipped skipped) {
            throw new ConfigurationException(
                    Constants.CODEX_VERSIONS, specs, "codex " + skipped.label() + " is skipped: " + skipped.reason());
        }
        return Optional.of((ResolvedRelease.Ready) releases.get(0));
    }

    private Path ndjsonFile(FenceExecutionContext context) {
        Path dir = config.outputDir().orElseGet(() -> {
            try {
                return context.request().getOutputDirectoryCreator().getRootDirectory();
            } catch (RuntimeException e) {
                return CodexFenceCache.reports();
            }
        });
        String name = "codex-fence-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + "-"
                + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + ".ndjson";
        return dir.resolve(name).toAbsolutePath();
    }

    /**
     * Closes the run's session (which completes the NDJSON file), then lets each {@link RunObserver} report on the
     * run; fails the engine node with every problem they and the session found.
     */
    @Override
    public void after(FenceExecutionContext context) throws Exception {
        if (!context.hasSession()) {
            return;
        }
        RunSession session = context.session();
        EngineReport report = new EngineReport(context.request().getEngineExecutionListener(), this);
        try {
            session.close();
        } catch (RunIntegrityException e) {
            e.problems().forEach(report::fail); // every record was written: report the file first, then fail the run
        } catch (IOException e) {
            throw new IOException(
                    "could not finish the run's NDJSON file " + session.log().file() + ": " + e.getMessage(), e);
        }
        FinishedRun run = new FinishedRun(session.log().file(), session.log().records(), probeRoots());
        for (RunObserver observer : observers) {
            try {
                observer.runFinished(run, report);
            } catch (IOException | RuntimeException e) {
                report.fail(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        if (!report.failures().isEmpty()) {
            throw new AssertionFailedError(String.join("\n", report.failures()));
        }
    }

    /**
     * Tells the user {@code message} while the run goes on (report entry {@link Constants#NOTE_ENTRY_KEY} on the
     * codex-fence engine above {@code descriptor}; the CLI prints it).
     */
    static void note(TestDescriptor descriptor, org.junit.platform.engine.ExecutionRequest request, String message) {
        for (Optional<TestDescriptor> d = Optional.of(descriptor);
                d.isPresent();
                d = d.get().getParent()) {
            if (d.get() instanceof FenceEngineDescriptor engine) {
                new EngineReport(request.getEngineExecutionListener(), engine).note(message);
                return;
            }
        }
    }

    /** The expectation gate of the run {@code descriptor} belongs to (the codex-fence engine above it). */
    static ExpectationGate expectationGate(TestDescriptor descriptor) {
        for (Optional<TestDescriptor> d = Optional.of(descriptor);
                d.isPresent();
                d = d.get().getParent()) {
            if (d.get() instanceof FenceEngineDescriptor engine) {
                return engine.expectations;
            }
        }
        return ExpectationGate.disabled();
    }

    /** The folders holding the probes of this run, for telling which expectation entries name no probe. */
    private Set<Path> probeRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        for (TestDescriptor d : getDescendants()) {
            if (d instanceof ProbeRunDescriptor run && run.probe().file().getParent() != null) {
                roots.add(run.probe().file().getParent());
            }
        }
        return roots;
    }
}
