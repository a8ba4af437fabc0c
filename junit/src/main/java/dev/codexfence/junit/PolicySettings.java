package dev.codexfence.junit;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.run.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * What one policy test class runs with: {@link CodexFence} attributes first, then the engine's configuration
 * keys as Jupiter sees them, then the engine's defaults.
 *
 * @param probeRoot the probe root folder
 * @param probeRootSource where {@code probeRoot} came from, for messages
 * @param catalog the capability catalog
 * @param run the run session's settings (every known mode, so any test may ask for any mode)
 * @param shared whether each probe × mode runs once per class
 * @param failUnavailable whether a mode that cannot run here fails tests instead of aborting them
 */
record PolicySettings(
        Path probeRoot,
        String probeRootSource,
        CapabilityCatalog catalog,
        RunSettings run,
        boolean shared,
        boolean failUnavailable) {

    /** Where the run's NDJSON goes when {@code codex-fence.output.dir} is not set. */
    static final Path DEFAULT_OUTPUT = dev.codexfence.engine.internal.run.CodexFenceCache.reports();

    private static final double MAX_TIMEOUT_SECONDS = 86_400;

    static PolicySettings of(ExtensionContext classContext) {
        Class<?> testClass = classContext.getRequiredTestClass();
        Optional<CodexFence> fence =
                AnnotationSupport.findAnnotation(testClass, CodexFence.class, classContext.getEnclosingTestClasses());
        FenceConfiguration config = FenceConfiguration.from(new JupiterParameters(classContext));

        Optional<Path> probes = attribute(fence.map(CodexFence::probes));
        Path root;
        String source;
        if (probes.isPresent()) {
            root = probes.get();
            source = "@CodexFence(probes)";
        } else if (config.probesRoot().isPresent()) {
            root = config.probesRoot().get();
            source = "configuration codex-fence.probes.root";
        } else {
            String fenceRoot = System.getProperty("fence.root", "");
            if (!fenceRoot.isBlank()) {
                root = Path.of(fenceRoot, "probes");
                source = "system property fence.root";
            } else {
                root = ProbeRoot.looksLikeProbeRoot(Path.of("probes")) ? Path.of("probes") : Path.of("");
                source = "the default probe root";
            }
        }
        CatalogLoader loader = new CatalogLoader();
        CapabilityCatalog catalog = attribute(fence.map(CodexFence::catalog))
                .or(config::catalog)
                .map(loader::load)
                .orElseGet(loader::loadBundled);
        Path codex =
                attribute(fence.map(CodexFence::codex)).or(config::codexPath).orElse(null);
        Duration timeout =
                timeout(fence.map(CodexFence::timeoutSeconds).orElse(0.0)).orElse(config.timeout());

        RunSettings run = new RunSettings(
                ModeCatalog.knownModes(),
                codex,
                timeout,
                config.preflight(),
                config.probeEnvironment(),
                config.netTarget().orElse(null),
                config.runtimeBin().orElse(null),
                ndjsonFile(config.outputDir().orElse(DEFAULT_OUTPUT), testClass),
                config.bash(),
                () -> false,
                config.scratchDir().orElse(null));
        return new PolicySettings(
                root.toAbsolutePath().normalize(),
                source,
                catalog,
                run,
                fence.map(CodexFence::shared).orElse(true),
                failUnavailable(classContext));
    }

    private static Optional<Path> attribute(Optional<String> value) {
        return value.map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize());
    }

    private static Optional<Duration> timeout(double seconds) {
        if (seconds == 0) {
            return Optional.empty();
        }
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            throw new ExtensionConfigurationException("@CodexFence(timeoutSeconds = " + seconds
                    + "): expected a number of seconds between 0 and " + (long) MAX_TIMEOUT_SECONDS);
        }
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private static boolean failUnavailable(ExtensionContext context) {
        String value = context.getConfigurationParameter(CodexFenceExtension.UNAVAILABLE)
                .orElse("abort")
                .strip()
                .toLowerCase(Locale.ROOT);
        return switch (value) {
            case "abort" -> false;
            case "fail" -> true;
            default ->
                throw new ExtensionConfigurationException("configuration " + CodexFenceExtension.UNAVAILABLE + "=\""
                        + value + "\": expected abort or fail");
        };
    }

    private static Path ndjsonFile(Path dir, Class<?> testClass) {
        try {
            dev.codexfence.engine.internal.files.PrivateFolder.ensure(dir, "output folder");
            return Files.createTempFile(dir, "codex-fence-" + testClass.getSimpleName() + "-", ".ndjson")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new ExtensionConfigurationException("cannot create the run's NDJSON file in " + dir + ": " + e, e);
        }
    }

    /** The engine's configuration keys as a Jupiter extension sees them (no key listing: no probe.env keys). */
    private record JupiterParameters(ExtensionContext context) implements ConfigurationParameters {

        @Override
        public Optional<String> get(String key) {
            return context.getConfigurationParameter(key);
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(v -> Boolean.parseBoolean(v.strip()));
        }

        @Override
        public Set<String> keySet() {
            return Set.of();
        }
    }
}
