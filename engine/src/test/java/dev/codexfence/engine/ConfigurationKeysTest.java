package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.codexfence.engine.internal.config.ConfigurationKeys;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;

/**
 * The configuration keys the engine knows are the ones of {@link Constants} (by reflection), every one of
 * them is documented in docs/engine.md, and an unknown {@code codex-fence.*} key is a discovery warning that
 * names the closest known key (issue 13, item 10).
 */
class ConfigurationKeysTest {

    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path out;

    /** The values of Constants' codex-fence.* fields, read here independently of ConfigurationKeys. */
    private static List<String> constantValues(String nameSuffix, boolean suffixWanted) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : Constants.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class
                    && ((String) f.get(null)).startsWith("codex-fence.")
                    && f.getName().endsWith(nameSuffix) == suffixWanted
                    && !f.getName().endsWith("_ENTRY_KEY")) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }

    @Test
    void everyKeyAndPrefixOfConstantsIsKnownAndDocumentedInEngineMd() throws Exception {
        List<String> keys = constantValues("_PREFIX", false);
        List<String> prefixes = constantValues("_PREFIX", true);
        assertThat(keys).contains(Constants.TIMEOUT_SECONDS, Constants.NET_TARGET_ALLOW_OFF_HOST, Constants.BASH);
        assertThat(prefixes).contains(Constants.PROBE_ENV_PREFIX, Constants.PARALLEL_CONFIG_PREFIX);
        assertThat(ConfigurationKeys.known().keys()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(ConfigurationKeys.known().prefixes()).containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(ConfigurationKeys.known().keys())
                .doesNotContain(Constants.NDJSON_ENTRY_KEY, Constants.REPORT_ENTRY_KEY);

        String doc = Files.readString(ROOT.resolve("docs/engine.md"));
        for (String key : keys) {
            assertThat(doc).as("docs/engine.md documents %s", key).contains("`" + key + "`");
        }
        for (String prefix : prefixes) {
            assertThat(doc).as("docs/engine.md documents the prefix %s", prefix).contains("`" + prefix);
        }
    }

    @Test
    void knownUnknownAndPrefixedKeys() {
        ConfigurationKeys k = ConfigurationKeys.known();
        assertThat(k.isKnown(Constants.TIMEOUT_SECONDS)).isTrue();
        assertThat(k.isKnown(Constants.PROBE_ENV_PREFIX + "HOME")).isTrue();
        assertThat(k.isKnown(Constants.PROBE_ENV_PREFIX)).isFalse();
        assertThat(k.isKnown("codex-fence.cli.stderr.tty")).isTrue();
        assertThat(k.isKnown(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism"))
                .isTrue();
        assertThat(k.isKnown(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelsim"))
                .isFalse();
        assertThat(k.isKnown("junit.jupiter.execution.parallel.enabled")).isTrue(); // not ours to judge
        assertThat(k.isKnown("codex-fence.timeout.secnods")).isFalse();
        assertThat(k.closest("codex-fence.timeout.secnods")).contains(Constants.TIMEOUT_SECONDS);
        assertThat(k.closest("codex-fence.probe.evn.HOME")).contains(Constants.PROBE_ENV_PREFIX + "…");
        assertThat(k.closest(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelsim"))
                .contains(Constants.PARALLEL_CONFIG_PREFIX + "fixed.parallelism");
        assertThat(ConfigurationKeys.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsADiscoveryWarningNamingTheClosestKey() throws IOException {
        var result = Fixtures.kit(
                        out,
                        Map.of(
                                "codex-fence.timeout.secnods",
                                "1",
                                Constants.PROBE_ENV_PREFIX + "FAKE_HOME",
                                "/tmp",
                                Constants.MISSING_COVERAGE,
                                "skip"),
                        selectDirectory(Fixtures.tree("healthy").toFile()))
                .discover();
        assertThat(result.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message())
                    .isEqualTo("unknown configuration key codex-fence.timeout.secnods (did you mean"
                            + " codex-fence.timeout.seconds?); it would be ignored (docs/engine.md lists the keys)");
        });
        // a warning, not an error: the probes are still discovered
        assertThat(result.getEngineDescriptor().getDescendants()).isNotEmpty();
    }
}
