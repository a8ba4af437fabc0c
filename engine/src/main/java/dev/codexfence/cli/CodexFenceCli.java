package dev.codexfence.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.catalog.BoundaryDescriptorLoader;
import dev.codexfence.catalog.CapabilityCatalog;
import dev.codexfence.catalog.CatalogException;
import dev.codexfence.catalog.CatalogLoader;
import dev.codexfence.engine.ConfigurationException;
import dev.codexfence.engine.ConfigurationKeys;
import dev.codexfence.engine.Constants;
import dev.codexfence.engine.FenceConfiguration;
import dev.codexfence.engine.Shard;
import dev.codexfence.mode.ModeCatalog;
import dev.codexfence.probe.ProbeRoot;
import dev.codexfence.run.CodexFenceCache;
import dev.codexfence.files.PrivateFolder;
import dev.codexfence.terminal.TerminalText;
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
import org.junit.platform.engine.DiscoverySelector;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The codex-fence command line: parses, checks the combination of options, resolves probe root, catalog,
 * modes and selection, and hands over to {@link MatrixRun} or {@link ListenCommand}.
 */
public final class CodexFenceCli {

    static final String ENV_MODES = "MODES";
    static final String ENV_PROBES = "CODEX_FENCE_PROBES";
    static final String ENV_CATALOG = "CODEX_FENCE_CATALOG";
    static final String ENV_BOUNDARY = "CODEX_FENCE_BOUNDARY";

    /** The most repetitions of a run (each one writes its own NDJSON file). */
    static final int MAX_REPEAT = 1000;
    /** The most probe runs at the same time: the engine's bound (docs/engine.md says why). */
    static final int MAX_PARALLEL = FenceConfiguration.MAX_PARALLELISM;

    private final CliIo io;

    CodexFenceCli(CliIo io) {
        this.io = io;
    }

    /** Runs one invocation and returns its exit code; never calls System.exit. */
    int run(String... args) {
        CliOptions options = new CliOptions();
        CommandLine cl = new CommandLine(options);
        cl.setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            io.err().println("codex-fence: " + TerminalText.lines(e.getMessage()));
            io.err().println("Try 'codex-fence --help' for the commands and options.");
            return ExitCodes.USAGE;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(io.out(), CommandLine.Help.Ansi.OFF);
            io.out().flush();
            return ExitCodes.OK;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(io.out());
            io.out().flush();
            return ExitCodes.OK;
        }
        try {
            return dispatch(options, cl);
        } catch (CliException e) {
            io.err().println("codex-fence: " + TerminalText.lines(e.getMessage()));
            if (e.exitCode() == ExitCodes.USAGE && e.getMessage().startsWith("choose")) {
                io.err().println("Try 'codex-fence --help' for the commands and options.");
            }
            return e.exitCode();
        } catch (IOException e) {
            io.err().println("codex-fence: " + TerminalText.lines(e.getMessage()));
            return ExitCodes.CONFIGURATION;
        }
    }

    private int dispatch(CliOptions o, CommandLine cl) throws IOException {
        int commands = (o.bang ? 1 : 0) + (o.rattle ? 1 : 0) + (o.listen ? 1 : 0) + (o.diff ? 1 : 0)
                + (o.report != null ? 1 : 0) + (o.history ? 1 : 0);
        if (commands != 1) {
            throw CliException.usage("choose " + (commands == 0 ? "one" : "only one")
                    + " of --bang (-b), --rattle, --listen (-l), --diff, --history, --report");
        }
        if (!o.between.isEmpty() && !o.diff) {
            throw CliException.usage("--between goes with --diff");
        }
        if (o.diff) {
            return diff(o);
        }
        if (o.history) {
            return history(o);
        }
        if (o.json) {
            throw CliException.usage("--json goes with --diff or --history");
        }
        if (o.report != null) {
            return report(o);
        }
        if (!o.files.isEmpty()) {
            throw CliException.usage("unexpected arguments " + o.files + " (only --diff, --history and --report take files)");
        }
        if (o.recordExpectations != null && o.list) {
            throw CliException.usage("--record-expectations needs a run, not --list");
        }
        if (o.listen) {
            List<String> extra = new ArrayList<>();
            for (OptionSpec spec : cl.getParseResult().matchedOptions()) {
                if (!spec.longestName().equals("--listen")) {
                    extra.add(spec.longestName());
                }
            }
            if (!extra.isEmpty()) {
                throw CliException.usage("--listen takes no other option (got " + String.join(", ", extra) + ")");
            }
            if (io.terminal().stdinTerminal()) {
                io.err().println(ListenCommand.HINT);
                return ExitCodes.USAGE;
            }
            return new ListenCommand().run(io.in(), io.out());
        }
        if (o.bang && (!o.caps.isEmpty() || !o.probes.isEmpty())) {
            throw CliException.usage("--cap and --probe pick a subset: use them with --rattle, not --bang");
        }
        if (o.rattle && o.caps.isEmpty() && o.probes.isEmpty()) {
            throw CliException.usage("--rattle needs at least one --cap ID or --probe ID");
        }
        if (o.repeat < 1 || o.repeat > MAX_REPEAT) {
            throw CliException.usage("--repeat expects a whole number from 1 to " + MAX_REPEAT + " (got " + o.repeat + ")");
        }
        if (o.parallel < 1 || o.parallel > MAX_PARALLEL) {
            throw CliException.usage("--parallel expects a whole number from 1 to " + MAX_PARALLEL + " (got " + o.parallel
                    + "): each parallel run holds a process tree, a workspace and its output buffers");
        }
        checkConfigurationKeys(o.config.keySet());

        Path root = probeRoot(o);
        Optional<Path> catalogFile = Optional.ofNullable(o.catalog).map(Path::toString)
                .or(() -> io.envValue(ENV_CATALOG)).map(CodexFenceCli::absolute);
        List<String> modes = modes(o);
        Supplier<CapabilityCatalog> catalog = memoize(() -> loadCatalog(catalogFile));
        if (catalogFile.isPresent()) {
            catalog.get(); // a broken catalog is exit 3 with the loader's message, before anything runs
        }
        Optional<Path> boundaryFile = Optional.ofNullable(o.boundary).map(Path::toString)
                .or(() -> io.envValue(ENV_BOUNDARY)).map(CodexFenceCli::absolute);
        boundaryFile.ifPresent(CodexFenceCli::checkBoundary); // a refused descriptor is exit 3, before anything runs

        Map<String, String> config = new LinkedHashMap<>(o.config);
        config.put(Constants.PROBES_ROOT, root.toString());
        catalogFile.ifPresent(f -> config.put(Constants.CATALOG, f.toString()));
        boundaryFile.ifPresent(f -> config.put(Constants.BOUNDARY, f.toString()));
        config.put(Constants.MODES, String.join(",", modes));
        if (o.codex != null) {
            config.put(Constants.CODEX_PATH, absolute(o.codex.toString()).toString());
        }
        if (!o.codexVersions.isEmpty()) {
            if (o.codex != null) {
                throw CliException.usage("--codex names one codex CLI and --codex-version names releases: choose one");
            }
            config.put(Constants.CODEX_VERSIONS, String.join(",", o.codexVersions));
        }
        if (o.timeout != null) {
            config.put(Constants.TIMEOUT_SECONDS, timeout(o.timeout));
        }
        if (o.shard != null) {
            config.put(Constants.SHARD, Shard.parse(o.shard).orElseThrow(() -> CliException.usage("--shard expects "
                    + Shard.FORM + " (got \"" + o.shard + "\")")).toString());
        }
        if (o.parallel > 1) {
            config.put(Constants.PARALLEL_ENABLED, "true");
            config.put(Constants.PARALLEL_CONFIG_PREFIX + "strategy", "fixed");
            config.put(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism", Integer.toString(o.parallel));
            config.put(Constants.PARALLEL_CONFIG_PREFIX + "fixed.max-pool-size", Integer.toString(o.parallel));
        }
        Path output = o.output != null ? absolute(o.output.toString()) : defaultOutputDir();
        config.put(Constants.OUTPUT_DIR, output.toString());
        try {
            FenceConfiguration.from(new MapParameters(config));
        } catch (ConfigurationException e) {
            throw CliException.configuration(e.getMessage(), e);
        }

        List<DiscoverySelector> selectors = new ArrayList<>();
        if (o.bang) {
            if (!ProbeRoot.looksLikeProbeRoot(root)) {
                throw CliException.usage("no probes (*.sh) in " + root);
            }
            selectors.add(selectDirectory(root.toFile()));
        } else {
            Set<Path> files = new ProbeSelection(root).select(o.probes, o.caps, catalog);
            for (Path f : files) {
                selectors.add(selectFile(f.toFile()));
            }
        }
        if (o.recordExpectations != null) {
            config.put(Constants.EXPECTATIONS_ENABLED, "false"); // recording: the old expectations do not judge
        }
        MatrixRun run = new MatrixRun(io, selectors, config, output);
        if (o.list) {
            return run.list();
        }
        prepareOutput(output, o.output != null);
        if (o.recordExpectations == null) {
            return run.execute(o.repeat);
        }
        int exit = run.execute(o.repeat);
        if (exit == ExitCodes.INTERRUPTED || exit == ExitCodes.CONFIGURATION) {
            return exit;
        }
        Optional<Path> file = o.recordExpectations.isEmpty() ? Optional.empty() : Optional.of(absolute(o.recordExpectations));
        try {
            if (run.ndjsonFiles().isEmpty()) {
                throw CliException.configuration("the run wrote no NDJSON file: nothing to record expectations from", null);
            }
            // this run's files only: the output folder keeps earlier runs' files too
            var records = new dev.codexfence.ndjson.RecordReader().readAll(run.ndjsonFiles()).stream()
                    .map(dev.codexfence.record.RecordLine::record).toList();
            var recording = dev.codexfence.expect.ExpectationsRecorder.record(records);
            for (var written : new dev.codexfence.expect.ExpectationsWriter().write(recording, file,
                    dev.codexfence.expect.ExpectationsFolder.defaultDirectory(), false)) {
                io.err().println("codex-fence: wrote expectations " + TerminalText.line(String.valueOf(written.source())));
            }
            recording.skipped().forEach(s -> io.err().println("codex-fence: not recorded (harness-made): "
                    + TerminalText.line(String.valueOf(s))));
        } catch (dev.codexfence.expect.ExpectationsException | dev.codexfence.ndjson.BadRecordsException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
        return exit;
    }

    /** {@code --diff OLD NEW}, or {@code --diff --between OLD_RELEASE NEW_RELEASE FILE...}. */
    private int diff(CliOptions o) {
        var command = new dev.codexfence.diff.DiffCommand();
        if (!o.between.isEmpty()) {
            if (o.files.isEmpty()) {
                throw CliException.usage("--diff --between " + String.join(" ", o.between)
                        + " takes the NDJSON files that hold both releases");
            }
            if (o.between.get(0).equals(o.between.get(1))) {
                throw CliException.usage("--between names one release twice (" + TerminalText.line(o.between.get(0))
                        + "): name the old and the new release");
            }
            return command.between(o.between.get(0), o.between.get(1),
                    o.files.stream().map(f -> absolute(f.toString())).toList(), o.json, io.out(), io.err());
        }
        if (o.files.size() != 2) {
            throw CliException.usage("--diff takes two NDJSON files, OLD and NEW (got " + o.files.size() + "),"
                    + " or --between OLD_RELEASE NEW_RELEASE and any number of files");
        }
        return command.run(absolute(o.files.get(0).toString()), absolute(o.files.get(1).toString()), o.json, io.out(),
                io.err());
    }

    /** {@code --history [--json] [IN...]}: where the fence changed across the releases of the inputs, or of standard input. */
    private int history(CliOptions o) {
        var command = new dev.codexfence.history.HistoryCommand();
        if (o.files.isEmpty()) {
            if (io.terminal().stdinTerminal()) {
                throw CliException.usage("--history reads NDJSON files, or standard input: name the files"
                        + " (codex-fence --history runs/*.ndjson)");
            }
            return command.run("<stdin>", io.in(), o.json, io.out(), io.err());
        }
        return command.run(o.files.stream().map(f -> absolute(f.toString())).toList(), o.json, io.out(), io.err());
    }

    /** {@code --report OUT.html [IN...]}: the fence map of the inputs, or of standard input. */
    private int report(CliOptions o) {
        Path out = absolute(o.report.toString());
        try {
            var report = dev.codexfence.report.FenceMapReport.withDefaults();
            Path written = o.files.isEmpty()
                    ? report.write(out, "<stdin>", io.in())
                    : report.write(out, o.files.stream().map(f -> absolute(f.toString())).toList());
            io.err().println("codex-fence: fence map written to " + TerminalText.line(written.toString()));
            return ExitCodes.OK;
        } catch (dev.codexfence.ndjson.BadRecordsException e) {
            e.problems().forEach(p -> io.err().println("codex-fence: " + TerminalText.line(p)));
            return ExitCodes.USAGE;
        } catch (dev.codexfence.expect.ExpectationsException | java.io.UncheckedIOException e) {
            throw CliException.configuration(e.getMessage(), e);
        }
    }

    /** --probes, else $CODEX_FENCE_PROBES, else -Dfence.root/probes, else ./probes. */
    private Path probeRoot(CliOptions o) {
        String source;
        Path root;
        if (o.probesDir != null) {
            root = absolute(o.probesDir.toString());
            source = "--probes";
        } else if (io.envValue(ENV_PROBES).isPresent()) {
            root = absolute(io.envValue(ENV_PROBES).get());
            source = ENV_PROBES;
        } else if (io.fenceRoot().isPresent()) {
            root = io.fenceRoot().get().resolve("probes").toAbsolutePath().normalize();
            source = "the install's probe root";
        } else {
            root = absolute("probes");
            source = "the default probe root ./probes";
        }
        if (!Files.isDirectory(root)) {
            throw CliException.usage("probe root " + root + " (" + source + ") is not a directory;"
                    + " point --probes or " + ENV_PROBES + " at a folder of probes");
        }
        return root;
    }

    /** --mode values, else $MODES, else the engine's defaults; unknown names are a usage error. */
    private List<String> modes(CliOptions o) {
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
            throw CliException.usage(source + " names no mode; valid modes: " + String.join(", ", ModeCatalog.knownModes()));
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

    /** {@code reports} in codex-fence's cache folder ({@code ~/.cache/codex-fence/reports}): private, kept across runs. */
    static Path defaultOutputDir() {
        return CodexFenceCache.reports();
    }

    /**
     * Makes the output folder (0700), or refuses it before anything runs: not a directory, another user's, or
     * writable by group or others (records could be swapped or read there).
     */
    private static void prepareOutput(Path output, boolean given) {
        String what = given ? "--output" : "the default output folder";
        try {
            PrivateFolder.ensure(output, what);
        } catch (IOException e) {
            throw given ? CliException.usage(e.getMessage()) : CliException.configuration(e.getMessage(), e);
        }
    }

    private static Path absolute(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw CliException.usage("not a valid path: " + path);
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
