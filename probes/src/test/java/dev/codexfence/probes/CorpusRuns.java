package dev.codexfence.probes;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.codexfence.catalog.CatalogLoader;
import dev.codexfence.catalog.Platform;
import dev.codexfence.probe.ProbeParser;
import dev.codexfence.probe.ProbeRoot;
import dev.codexfence.probe.ProbeScript;
import dev.codexfence.run.CodexLocator;
import dev.codexfence.run.Workspaces;
import dev.codexfence.schema.FenceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import tools.jackson.databind.JsonNode;

/**
 * Two consecutive runs of this folder's corpus in every available mode (baseline, plus codex-sandbox and
 * codex-full when the codex CLI is installed), made once per test JVM and shared by the tests that read
 * their records (RepeatabilityTest, HonestClassificationTest). Each run writes its NDJSON file into
 * {@code target/repeatability/run-N}, which stays for inspection.
 */
final class CorpusRuns {

    /** One run: its NDJSON file, the file's lines as written, and the lines parsed. */
    record Run(int number, Path ndjson, List<String> lines, List<JsonNode> records) {}

    /** The probes of this folder that run on this platform: the records a run must hold, per mode. */
    static final List<ProbeScript> PROBES = probesForThisPlatform();

    private static final Path OUT = Path.of("target", "repeatability");
    private static List<Run> runs;
    private static List<String> modes;

    private CorpusRuns() {}

    /** The two runs, made on first use. */
    static synchronized List<Run> twice() {
        if (runs == null) {
            Workspaces.delete(OUT.toAbsolutePath());
            List<Run> made = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                made.add(run(n));
            }
            runs = List.copyOf(made);
        }
        return runs;
    }

    /** baseline, and the codex modes when the codex CLI is installed (CI must have it). */
    static synchronized List<String> modes() {
        if (modes == null) {
            Optional<Path> codex = codex();
            if (codex.isEmpty() && "true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must install the codex CLI (bin/install-codex)");
            }
            modes = codex.isPresent() ? List.of("baseline", "codex-sandbox", "codex-full") : List.of("baseline");
        }
        return modes;
    }

    static Optional<Path> codex() {
        return CodexLocator.locate(System.getenv("PATH"), Path.of(""));
    }

    private static Run run(int number) {
        Path dir = OUT.resolve("run-" + number).toAbsolutePath();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory("."))
                .filters(EngineFilter.includeEngines("codex-fence"))
                .configurationParameter("codex-fence.modes", String.join(",", modes()))
                .configurationParameter("codex-fence.output.dir", dir.toString())
                .configurationParameter("codex-fence.coverage.missing", "skip")
                .configurationParameter("codex-fence.expectations.enabled", "false")
                .configurationParameter("codex-fence.execution.parallel.enabled", "true")
                .configurationParameter("codex-fence.execution.parallel.config.strategy", "fixed")
                .configurationParameter("codex-fence.execution.parallel.config.fixed.parallelism", "4");
        codex().ifPresent(c -> request.configurationParameter("codex-fence.codex.path", c.toString()));
        LauncherFactory.create().execute(request.build());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ndjson = files.filter(p -> p.getFileName().toString().endsWith(".ndjson")).toList();
            if (ndjson.size() != 1) {
                throw new AssertionError("run " + number + " should leave one NDJSON file in " + dir + ", found " + ndjson);
            }
            List<String> lines = Files.readAllLines(ndjson.get(0), StandardCharsets.UTF_8);
            List<JsonNode> records = lines.stream().map(FenceJson.MAPPER::readTree).toList();
            return new Run(number, ndjson.get(0), lines, records);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the NDJSON of run " + number + " in " + dir, e);
        }
    }

    private static List<ProbeScript> probesForThisPlatform() {
        Platform here = Platform.current().orElseThrow(() -> new AssertionError("the corpus runs on linux or macos only"));
        ProbeRoot root = ProbeRoot.scan(Path.of("."), new ProbeParser(new CatalogLoader().loadBundled()));
        return root.probes().stream().filter(p -> p.healthy() && p.runsOn(here)).toList();
    }
}
