package dev.codexfence.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.run.ProbeRunResult;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs probes on demand, for modes or probes chosen at run time. Declare it as a parameter of a test (or
 * lifecycle) method of a {@link CodexFence @CodexFence} class:
 * <pre>{@code
 * @ParameterizedTest
 * @ValueSource(strings = {"codex-sandbox", "codex-read-only"})
 * void noHomeWrites(String mode, FenceProbes fence) {
 *     assertThat(fence.run("fs_write_home_scratch", mode)).isDenied();
 * }
 * }</pre>
 * Same rules as {@link ProbeRecord @ProbeRecord}: a mode that cannot run here or a probe for another platform
 * aborts the test; an unknown probe or mode, or a probe that broke its contract, fails it. Each record is
 * published as report entry {@code cfbo} of the calling test.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FenceProbes {

    private final PolicySession session;
    private final ExtensionContext context;

    FenceProbes(PolicySession session, ExtensionContext context) {
        this.session = session;
        this.context = context;
    }

    /** The record of {@code probeId} run in {@code mode}. */
    public BoundaryObject run(String probeId, String mode) {
        return runAssembled(probeId, mode).record();
    }

    /** The record of {@code probeId} run in {@code mode}, also as JSON. */
    public RecordLine runAssembled(String probeId, String mode) {
        ProbeRunResult result = session.run(probeId, mode);
        context.publishReportEntry(Constants.RECORD_ENTRY_KEY, result.record().json());
        if (result.failure().isPresent()) {
            throw new AssertionFailedError(probeId + " [" + mode + "] broke the probe contract: "
                    + result.failure().get());
        }
        return result.record();
    }

    /** The probe root this class runs probes from. */
    public Path probeRoot() {
        return session.probeRoot();
    }

    /** The NDJSON file this class's records go to (complete once the class has finished). */
    public Path ndjsonFile() {
        return session.ndjsonFile();
    }
}
