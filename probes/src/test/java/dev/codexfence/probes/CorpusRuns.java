package dev.codexfence.probes;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.run.CodexLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * What the integration-test checks read: the two corpus runs made in the Surefire fork (ProbeMatrixTest's, in
 * {@code target/codex-fence}, and RepeatRunTest's, in {@code target/corpus-repeat}), and the evidence
 * src/test/fenced-jvm/bin/java wrote about that fork. Each folder must hold exactly one NDJSON file: the wrapper empties
 * them before the fork starts.
 */
final class CorpusRuns {

    /** One run: its NDJSON file, the file's lines as written, and the lines parsed. */
    record Run(String name, Path ndjson, List<String> lines, List<JsonNode> records) {}

    /** The probes of this folder that run on this platform: the records a run must hold, per mode. */
    static final List<ProbeScript> PROBES = probesForThisPlatform();

    private static List<Run> runs;

    private CorpusRuns() {}

    /** The suite's run, then the repeat. */
    static synchronized List<Run> both() {
        if (runs == null) {
            runs = List.of(read("suite", Path.of("target/codex-fence")), read("repeat", Path.of(RepeatRunTest.FOLDER)));
        }
        return runs;
    }

    /** Every record of both runs. */
    static List<JsonNode> allRecords() {
        return both().stream().flatMap(r -> r.records().stream()).toList();
    }

    /** baseline, and the codex modes when the codex CLI is installed (CI must have it). */
    static List<String> modes() {
        Optional<Path> codex = CodexLocator.locate(System.getenv("PATH"), Path.of(""));
        if (codex.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install the codex CLI (bin/install-codex)");
        }
        return codex.isPresent() ? List.of("baseline", "codex-sandbox", "codex-full") : List.of("baseline");
    }

    /** The folder where src/test/fenced-jvm/bin/java wrote its evidence about the Surefire fork. */
    static Path evidence() {
        String dir = System.getProperty("fence.evidence");
        if (dir == null) {
            throw new AssertionError("the fence.evidence system property is not set (probes/pom.xml, failsafe)");
        }
        return Path.of(dir, "surefire");
    }

    /** The canary planted in the fake $HOME and in the secrets of the fork's environment. */
    static String canary() {
        String canary = System.getProperty("fence.canary");
        if (canary == null || canary.length() < 8) {
            throw new AssertionError("the fence.canary system property is not set (probes/pom.xml, failsafe)");
        }
        return canary;
    }

    static String key(JsonNode record) {
        return record.at("/probe/id").asString() + " [" + record.at("/run/mode").asString() + "]";
    }

    private static Run read(String name, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> ndjson = files.filter(p -> p.getFileName().toString().endsWith(".ndjson"))
                    .toList();
            if (ndjson.size() != 1) {
                throw new AssertionError("the " + name + " run should leave one NDJSON file in " + dir.toAbsolutePath()
                        + ", found " + ndjson + " (did Surefire run ProbeMatrixTest and RepeatRunTest?)");
            }
            List<String> lines = Files.readAllLines(ndjson.get(0), StandardCharsets.UTF_8);
            List<JsonNode> records =
                    lines.stream().map(FenceJson.MAPPER::readTree).toList();
            return new Run(name, ndjson.get(0), lines, records);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the NDJSON of the " + name + " run in " + dir.toAbsolutePath(), e);
        }
    }

    private static List<ProbeScript> probesForThisPlatform() {
        Platform here =
                Platform.current().orElseThrow(() -> new AssertionError("the corpus runs on linux or macos only"));
        ProbeRoot root = ProbeRoot.scan(Path.of("."), new ProbeParser(new CatalogLoader().loadBundled()));
        return root.probes().stream().filter(p -> p.healthy() && p.runsOn(here)).toList();
    }
}
