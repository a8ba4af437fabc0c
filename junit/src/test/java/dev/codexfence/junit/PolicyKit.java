package dev.codexfence.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link PolicyFixture} classes on Jupiter through the EngineTestKit. */
final class PolicyKit {

    /** The configuration key that enables fixture classes. */
    static final String FIXTURES = "codex-fence.test.policy-fixtures";
    /** The fixture probe root, as the fixture classes name it (relative to the engine module). */
    static final String PROBES = "src/test/fixtures/policy-probes";

    private PolicyKit() {}

    static boolean launchedByKit(ExtensionContext context) {
        return context.getConfigurationParameter(FIXTURES).isPresent();
    }

    /** Runs {@code fixture} with its NDJSON going to {@code out}, plus {@code config}. */
    static EngineExecutionResults run(Class<?> fixture, Path out, Map<String, String> config) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(FIXTURES, "true")
                .configurationParameter("codex-fence.output.dir", out.toString())
                .selectors(selectClass(fixture));
        config.forEach(kit::configurationParameter);
        return kit.execute();
    }

    /** The one NDJSON file in {@code out}. */
    static Path ndjsonFile(Path out) {
        try (var files = Files.list(out)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".ndjson")).toList();
            if (all.size() != 1) {
                throw new AssertionError("expected one NDJSON file in " + out + ", found " + all);
            }
            return all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ndjsonLines(Path out) {
        try {
            return Files.readAllLines(ndjsonFile(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
