package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

class ConfigurationTest {

    @TempDir
    Path dir;

    private static TestDescriptor discover(Map<String, String> config) {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Fixtures.tree("healthy").toFile()))
                .configurationParameters(config)
                .build();
        return new CodexFenceTestEngine().discover(request, UniqueId.forEngine(Constants.ENGINE_ID));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "codex-fence.modes|baseline,codex-yolo|unknown mode \"codex-yolo\"; valid modes: baseline, codex-sandbox",
                "codex-fence.timeout.seconds|soon|expected a number of seconds",
                "codex-fence.timeout.seconds|-1|expected a number of seconds",
                "codex-fence.coverage.missing|ignore|expected fail or skip",
                "codex-fence.discovery.classpath.enabled|yes|expected true or false",
                "codex-fence.net.target|example|expected host:port",
                "codex-fence.probe.env.BAD-NAME|x|not a valid environment variable name"
            })
    void badValuesFailFastNamingTheKey(String key, String value, String expected) {
        assertThatThrownBy(() -> discover(Map.of(key, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("configuration " + key + "=\"" + value + "\"")
                .hasMessageContaining(expected);
    }

    @Test
    void brokenCatalogFileFailsWithTheLoadersMessage() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schema_version\": \"x\",\n  oops }");
        assertThatThrownBy(() -> discover(Map.of(Constants.CATALOG, broken.toString())))
                .hasMessageStartingWith(broken + ": (root) (line 2)")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aSwappedCatalogIsUsedAndItsVersionLandsInEveryRecord() throws IOException {
        String bundled = Files.readString(Path.of(System.getProperty("fence.root", ".."), "schema/capabilities.json"));
        Path other = dir.resolve("other-catalog.json");
        Files.writeString(
                other,
                bundled.replace(
                        "\"schema_version\": \"codex_fence_catalog_v1\"", "\"schema_version\": \"team_catalog_v7\""));
        var results = Fixtures.kit(
                        dir.resolve("out"),
                        Map.of(Constants.CATALOG, other.toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_read_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(Fixtures.recordsByTest(results)
                        .get("fx_read_ws [baseline]")
                        .at("/capabilities_schema_version")
                        .asString())
                .isEqualTo("team_catalog_v7");
    }

    @Test
    void probeLocksBecomeExclusiveResources() {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectFile(
                        Fixtures.tree("locked").resolve("fx_locked.sh").toFile()))
                .configurationParameter(Constants.MODES, "baseline")
                .build();
        TestDescriptor engine = new CodexFenceTestEngine().discover(request, UniqueId.forEngine(Constants.ENGINE_ID));
        ProbeRunDescriptor run = (ProbeRunDescriptor) engine.getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .findFirst()
                .orElseThrow();
        assertThat(run.getExclusiveResources())
                .containsExactly(
                        new ExclusiveResource("codex-fence.lock.loopback-8080", ExclusiveResource.LockMode.READ_WRITE));
    }
}
