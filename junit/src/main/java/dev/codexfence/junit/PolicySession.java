package dev.codexfence.junit;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.run.ProbeExecutor;
import dev.codexfence.engine.internal.run.ProbeRunResult;
import dev.codexfence.engine.internal.run.RunSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One test class's probe runs: the engine's {@link RunSession} and {@link ProbeExecutor} over one probe root,
 * and, when shared, the result of each probe × mode already run. Closed (session, fixtures, NDJSON) after
 * the class through the extension store.
 */
final class PolicySession implements AutoCloseable {

    private final PolicySettings settings;
    private final ProbeRoot root;
    private final RunSession session;
    private final ProbeExecutor executor;
    private final Map<RunKey, ProbeRunResult> results = new ConcurrentHashMap<>();
    private final Map<RunKey, Object> locks = new ConcurrentHashMap<>();

    private record RunKey(String probeId, String mode) {}

    private PolicySession(PolicySettings settings, ProbeRoot root, RunSession session) {
        this.settings = settings;
        this.root = root;
        this.session = session;
        this.executor = new ProbeExecutor(session);
    }

    static PolicySession open(PolicySettings settings) {
        Path dir = settings.probeRoot();
        if (!Files.isDirectory(dir)) {
            throw new ExtensionConfigurationException("probe root " + dir + " (" + settings.probeRootSource()
                    + ") is not a folder; point @CodexFence(probes = ...) at a folder of probes");
        }
        ProbeRoot root = ProbeRoot.scan(dir, new ProbeParser(settings.catalog()));
        RunSession session;
        try {
            session = RunSession.open(settings.run(), settings.catalog());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a codex-fence run session: " + e.getMessage(), e);
        }
        try {
            return new PolicySession(settings, root, session);
        } catch (RuntimeException | Error e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    /** Closes a session that will not be handed out, keeping {@code failure} as the error to report. */
    static void closeQuietly(AutoCloseable session, Throwable failure) {
        try {
            session.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    Path probeRoot() {
        return root.directory();
    }

    Path ndjsonFile() {
        return session.log().file();
    }

    /**
     * Runs {@code probeId} in {@code mode}, or hands back the record of the run already made when shared.
     *
     * @throws AssertionFailedError for an unknown probe or mode, or a probe breaking the static contract
     * @throws TestAbortedException when the probe does not apply to this platform or the mode cannot run here
     */
    ProbeRunResult run(String probeId, String mode) {
        ProbeScript probe = root.find(probeId)
                .orElseThrow(() -> new AssertionFailedError("no probe \"" + probeId + "\" in probe root "
                        + root.directory() + " (" + settings.probeRootSource() + ")"));
        if (!probe.healthy()) {
            throw new AssertionFailedError(
                    "probe " + probeId + " breaks the probe contract:\n" + probe.describeIssues());
        }
        RunMode runMode = session.mode(mode).orElseThrow(() -> new AssertionFailedError(ModeCatalog.unknown(mode)));
        Optional<Platform> here = Platform.current();
        if (here.isEmpty() || !probe.runsOn(here.get())) {
            throw new TestAbortedException("probe " + probeId + " applies to "
                    + probe.platforms().stream().map(Platform::id).sorted().toList() + "; this host is "
                    + System.getProperty("os.name"));
        }
        Optional<String> unavailable = runMode.unavailableReason()
                .map(r -> "mode " + mode + " cannot run here: " + r)
                .or(() -> session.preflight(runMode));
        if (unavailable.isPresent()) {
            if (settings.failUnavailable()) {
                throw new AssertionFailedError(unavailable.get() + " (" + CodexFenceExtension.UNAVAILABLE + "=fail)");
            }
            throw new TestAbortedException(unavailable.get());
        }
        return settings.shared() ? shared(probe, runMode) : execute(probe, runMode);
    }

    private ProbeRunResult shared(ProbeScript probe, RunMode mode) {
        RunKey key = new RunKey(probe.id(), mode.name());
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            ProbeRunResult done = results.get(key);
            if (done == null) {
                done = execute(probe, mode);
                results.put(key, done);
            }
            return done;
        }
    }

    private ProbeRunResult execute(ProbeScript probe, RunMode mode) {
        try {
            return executor.run(probe, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not run probe " + probe.id() + " in mode " + mode.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
