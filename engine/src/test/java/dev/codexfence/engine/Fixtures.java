package dev.codexfence.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

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
