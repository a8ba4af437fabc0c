package dev.codexfence.cli;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.catalog.BoundaryDescriptorLoader;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogException;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.config.ConfigurationKeys;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.config.Shard;
import dev.codexfence.engine.internal.files.PrivateFolder;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.run.CodexFenceCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a bang, rattle or list resolved from its options before anything runs: the probe root, the catalog (loaded
 * when first needed) and the engine's configuration parameters, checked as the engine will check them.
 *
 * @param root the probe root, absolute and normalised
 * @param catalog the capability catalog of the run
 * @param config the engine's configuration parameters
 * @param output where the run's NDJSON goes
 * @param outputGiven whether {@code --output} named it (else it is the default folder)
 */
record RunSetup(
        Path root, Supplier<CapabilityCatalog> catalog, Map<String, String> config, Path output, boolean outputGiven) {

    static final String ENV_MODES = "MODES";
    static final String ENV_PROBES = "CODEX_FENCE_PROBES";
    static final String ENV_CATALOG = "CODEX_FENCE_CATALOG";
    static final String ENV_BOUNDARY = "CODEX_FENCE_BOUNDARY";

    /**
     * Resolves and checks the options: usage errors (exit 2) for bad values, configuration errors (exit 3) for a
     * catalog, descriptor or configuration the engine would refuse.
     *
     * @param execution the options of a run that executes probes, or null for a listing
     */
    static RunSetup resolve(CliIo io, EngineOptions o, ExecutionOptions execution) {
        checkConfigurationKeys(o.config.keySet());
        Path root = probeRoot(io, o);
        Optional<Path> catalogFile = Optional.ofNullable(o.catalog)
                .map(Path::toString)
                .or(() -> io.envValue(ENV_CATALOG))
                .map(CliIo::absolute);
        List<String> modes = modes(io, o);
        Supplier<CapabilityCatalog> catalog = memoize(() -> loadCatalog(catalogFile));
        if (catalogFile.isPresent()) {
            var unused = catalog.get(); // a broken catalog is exit 3 with the loader's message, before anything runs
        }
        Optional<Path> boundaryFile = Optional.ofNullable(o.boundary)
                .map(Path::toString)
                .or(() -> io.envValue(ENV_BOUNDARY))
                .map(CliIo::absolute);
        boundaryFile.ifPresent(RunSetup::checkBoundary); // a refused descriptor is exit 3, before anything runs

        Map<String, String> config = new LinkedHashMap<>(o.config);
        config.put(Constants.PROBES_ROOT, root.toString());
        catalogFile.ifPresent(f -> config.put(Constants.CATALOG, f.toString()));
        boundaryFile.ifPresent(f -> config.put(Constants.BOUNDARY, f.toString()));
        config.put(Constants.MODES, String.join(",", modes));
        if (o.codex != null) {
            config.put(Constants.CODEX_PATH, CliIo.absolute(o.codex.toString()).toString());
        }
        if (!o.codexVersions.isEmpty()) {
            if (o.codex != null) {
                throw CliException.usage("--codex names one codex CLI and --codex-version names releases: choose one");
            }
            config.put(Constants.CODEX_VERSIONS, String.join(",", o.codexVersions));
        }
        if (o.shard != null) {
            config.put(
                    Constants.SHARD,
                    Shard.parse(o.shard)
                            .orElseThrow(() ->
                                    CliException.usage("--shard expects " + Shard.FORM + " (got \"" + o.shard + "\")"))
                            .toString());
        }
        Path output = defaultOutputDir();
        boolean outputGiven = false;
        if (execution != null) {
            if (execution.timeout != null) {
                config.put(Constants.TIMEOUT_SECONDS, timeout(execution.timeout));
            }
            if (execution.parallel > 1) {
                config.put(Constants.PARALLEL_ENABLED, "true");
                config.put(Constants.PARALLEL_CONFIG_PREFIX + "strategy", "fixed");
                config.put(
                        Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", Integer.toString(execution.parallel));
                config.put(
                        Constants.PARALLEL_CONFIG_PREFIX + "fixed.max-pool-size", Integer.toString(execution.parallel));
            }
            if (execution.output != null) {
                output = CliIo.absolute(execution.output.toString());
                outputGiven = true;
            }
            if (execution.recordExpectations != null) {
                config.put(Constants.EXPECTATIONS_ENABLED, "false"); // recording: the old expectations do not judge
            }
        }
        config.put(Constants.OUTPUT_DIR, output.toString());
        try {
            FenceConfiguration.from(new MapParameters(config));
        } catch (ConfigurationException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
        return new RunSetup(root, catalog, Map.copyOf(config), output, outputGiven);
    }

    /** Whether the run is one part of a sharded matrix (a part may hold no test). */
    boolean sharded() {
        return config.containsKey(Constants.SHARD);
    }

    /**
     * Makes the output folder (0700), or refuses it before anything runs: not a directory, another user's, or
     * writable by group or others (records could be swapped or read there).
     */
    void prepareOutput() {
        String what = outputGiven ? "--output" : "the default output folder";
        try {
            PrivateFolder.ensure(output, what);
        } catch (IOException e) {
            throw outputGiven ? CliException.usage(e.getMessage()) : CliException.configuration(e.getMessage(), e);
        }
    }

    /** {@code reports} in codex-fence's cache folder ({@code ~/.cache/codex-fence/reports}): private, kept across runs. */
    static Path defaultOutputDir() {
        return CodexFenceCache.reports();
    }

    /** --probes, else $CODEX_FENCE_PROBES, else -Dfence.root/probes, else ./probes. */
    private static Path probeRoot(CliIo io, EngineOptions o) {
        String source;
        Path root;
        if (o.probesDir != null) {
            root = CliIo.absolute(o.probesDir.toString());
            source = "--probes";
        } else if (io.envValue(ENV_PROBES).isPresent()) {
            root = CliIo.absolute(io.envValue(ENV_PROBES).get());
            source = ENV_PROBES;
        } else if (io.fenceRoot().isPresent()) {
            root = io.fenceRoot().get().resolve("probes").toAbsolutePath().normalize();
            source = "the install's probe root";
        } else {
            root = CliIo.absolute("probes");
            source = "the default probe root ./probes";
        }
        if (!Files.isDirectory(root)) {
            throw CliException.usage("probe root " + root + " (" + source + ") is not a directory;"
                    + " point --probes or " + ENV_PROBES + " at a folder of probes");
        }
        return root;
    }

    /** --mode values, else $MODES, else the engine's defaults; unknown names are a usage error. */
    private static List<String> modes(CliIo io, EngineOptions o) {
        List<String> raw = new ArrayList<>();
        String source;
        if (!o.modes.isEmpty()) {
            o.modes.forEach(m -> raw.addAll(List.of(m.split("[,\\s]+"))));
            source = "--mode";
        } else if (io.env().containsKey(ENV_MODES)) {
            raw.addAll(List.of(io.env().get(ENV_MODES).split("[,\\s]+")));
            source = ENV_MODES;
        } else {
            return ModeCatalog.DEFAULT_MODES;
        }
        List<String> modes = new ArrayList<>();
        for (String m : raw) {
            String name = m.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!ModeCatalog.knownModes().contains(name)) {
                throw CliException.usage(source + ": " + ModeCatalog.unknown(name));
            }
            if (!modes.contains(name)) {
                modes.add(name);
            }
        }
        if (modes.isEmpty()) {
            throw CliException.usage(
                    source + " names no mode; valid modes: " + String.join(", ", ModeCatalog.knownModes()));
        }
        return modes;
    }

    private static String timeout(String text) {
        if (FenceConfiguration.parseTimeout(text).isPresent()) {
            return text.strip();
        }
        throw CliException.usage("--timeout expects " + FenceConfiguration.TIMEOUT_BOUNDS + " (got \"" + text + "\")");
    }

    /**
     * Unknown {@code codex-fence.*} keys, from {@code -c} or from {@code -D} system properties (JAVA_OPTS), are a
     * usage error: a typo would otherwise be ignored and the run would not be the one asked for.
     */
    private static void checkConfigurationKeys(Set<String> given) {
        Set<String> keys = new java.util.TreeSet<>(given);
        for (String property : System.getProperties().stringPropertyNames()) {
            if (property.startsWith(ConfigurationKeys.NAMESPACE)) {
                keys.add(property);
            }
        }
        List<String> unknown = ConfigurationKeys.known().unknown(keys);
        if (!unknown.isEmpty()) {
            throw CliException.usage(String.join("\ncodex-fence: ", unknown));
        }
    }

    private static CapabilityCatalog loadCatalog(Optional<Path> file) {
        CatalogLoader loader = new CatalogLoader();
        try {
            return file.map(loader::load).orElseGet(loader::loadBundled);
        } catch (CatalogException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
    }

    private static void checkBoundary(Path file) {
        try {
            new BoundaryDescriptorLoader().load(file);
        } catch (CatalogException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Configuration parameters from a map, for checking the CLI's configuration the way the engine will. */
    private record MapParameters(Map<String, String> map) implements org.junit.platform.engine.ConfigurationParameters {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(v -> Boolean.parseBoolean(v.strip()));
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }
    }
}
