package dev.codexfence.engine;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import tools.jackson.databind.JsonNode;

/** Fixture probe trees (src/test/fixtures) and a preconfigured EngineTestKit builder. */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/fixtures").toAbsolutePath();

    private Fixtures() {}

    static Path tree(String name) {
        return ROOT.resolve(name);
    }

    /** An engine test kit for codex-fence, baseline only, writing the NDJSON to {@code out}. */
    static EngineTestKit.Builder kit(Path out, Map<String, String> config, DiscoverySelector... selectors) {
        EngineTestKit.Builder b = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODES, "baseline")
                .configurationParameter(Constants.OUTPUT_DIR, out.toString())
                .selectors(selectors);
        config.forEach(b::configurationParameter);
        return b;
    }

    /** The record each test published (report entry "cfbo"), by test display name. */
    static Map<String, JsonNode> recordsByTest(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getPayload(ReportEntry.class)
                        .map(r -> r.getKeyValuePairs().containsKey(Constants.RECORD_ENTRY_KEY))
                        .orElse(false))
                .collect(Collectors.toMap(
                        e -> e.getTestDescriptor().getDisplayName(),
                        e -> FenceJson.MAPPER.readTree(e.getPayload(ReportEntry.class)
                                .orElseThrow()
                                .getKeyValuePairs()
                                .get(Constants.RECORD_ENTRY_KEY))));
    }

    /** Events of the node that has a unique-id segment {@code type:value} exactly (not as a substring). */
    static org.assertj.core.api.Condition<org.junit.platform.testkit.engine.Event> node(String type, String value) {
        return new org.assertj.core.api.Condition<>(
                e -> e.getTestDescriptor().getUniqueId().getSegments().stream()
                        .anyMatch(s -> s.getType().equals(type) && s.getValue().equals(value)),
                "node %s:%s",
                type,
                value);
    }

    static Path onlyNdjson(Path out) throws IOException {
        try (var files = Files.list(out)) {
            var all = files.filter(f -> f.toString().endsWith(".ndjson")).toList();
            if (all.size() != 1) {
                throw new AssertionError("expected one NDJSON file in " + out + ", found " + all);
            }
            return all.get(0);
        }
    }
}
