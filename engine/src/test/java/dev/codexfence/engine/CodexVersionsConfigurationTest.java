package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.release.VersionSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

/** codex-fence.codex.versions: parsed and checked with the configuration, never silently ignored. */
class CodexVersionsConfigurationTest {

    private static FenceConfiguration config(Map<String, String> map) {
        return FenceConfiguration.from(new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            public Set<String> keySet() {
                return map.keySet();
            }
        });
    }

    @Test
    void versionSpecsAreParsedInOrder() {
        assertThat(config(Map.of(Constants.CODEX_VERSIONS, "0.80.0..0.171.0/8, latest"))
                        .codexVersions())
                .extracting(VersionSpec::text)
                .containsExactly("0.80.0..0.171.0/8", "latest");
        assertThat(config(Map.of()).codexVersions()).isEmpty();
    }

    @Test
    void aBadSpecNamesTheKeyAndTheAcceptedForms() {
        assertThatThrownBy(() -> config(Map.of(Constants.CODEX_VERSIONS, "0.80.0,0.x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "configuration codex-fence.codex.versions=\"0.80.0,0.x\": \"0.x\" is not a codex version")
                .hasMessageContaining("a sampled range such as 0.80.0..0.171.0/8");
    }

    @Test
    void versionsAndAPathTogetherAreRefused() {
        assertThatThrownBy(() ->
                        config(Map.of(Constants.CODEX_VERSIONS, "0.80.0", Constants.CODEX_PATH, "/usr/bin/codex")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "names codex releases while codex-fence.codex.path names one codex CLI: choose one");
    }
}
