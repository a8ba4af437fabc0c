package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * What a run session needs to know, independent of where it came from (engine configuration, CLI, tests).
 *
 * @param modes mode names, in order
 * @param codexPath the codex CLI to use, or null to look for one
 * @param timeout per probe run
 * @param preflight whether codex modes are checked before their probes run
 * @param probeEnvironment extra variables for every probe process
 * @param netTarget outbound target host:port, or null for the loopback listener
 * @param runtimeBin a helper folder to use instead of the bundled helpers, or null
 * @param ndjsonFile where the run's records go
 * @param bash the bash that runs probes
 * @param cancelled polled while probes run
 * @param scratchRoot where the run makes its private scratch folder, or null for the default
 *     ({@link ScratchRoot})
 * @param codexRelease the npm version of the release {@code codexPath} belongs to, when the run selected it by its
 *     version ({@code codex-fence.codex.versions}); its records carry it as {@code stack.codex_npm_version}. Null
 *     otherwise
 */
@API(status = INTERNAL, since = "0.1")
public record RunSettings(
        List<String> modes,
        Path codexPath,
        Duration timeout,
        boolean preflight,
        Map<String, String> probeEnvironment,
        String netTarget,
        Path runtimeBin,
        Path ndjsonFile,
        String bash,
        BooleanSupplier cancelled,
        Path scratchRoot,
        String codexRelease) {

    public RunSettings {
        modes = List.copyOf(modes);
        probeEnvironment = Map.copyOf(probeEnvironment);
    }

    /** Settings for a codex CLI not selected as a release. */
    public RunSettings(
            List<String> modes,
            Path codexPath,
            Duration timeout,
            boolean preflight,
            Map<String, String> probeEnvironment,
            String netTarget,
            Path runtimeBin,
            Path ndjsonFile,
            String bash,
            BooleanSupplier cancelled,
            Path scratchRoot) {
        this(
                modes,
                codexPath,
                timeout,
                preflight,
                probeEnvironment,
                netTarget,
                runtimeBin,
                ndjsonFile,
                bash,
                cancelled,
                scratchRoot,
                null);
    }

    /** Settings with the default scratch root. */
    public RunSettings(
            List<String> modes,
            Path codexPath,
            Duration timeout,
            boolean preflight,
            Map<String, String> probeEnvironment,
            String netTarget,
            Path runtimeBin,
            Path ndjsonFile,
            String bash,
            BooleanSupplier cancelled) {
        this(
                modes,
                codexPath,
                timeout,
                preflight,
                probeEnvironment,
                netTarget,
                runtimeBin,
                ndjsonFile,
                bash,
                cancelled,
                null,
                null);
    }
}
