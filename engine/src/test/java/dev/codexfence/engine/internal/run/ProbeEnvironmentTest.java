package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.record.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeEnvironmentTest {

    @Test
    void onlyTheAllowListPassesAndTheWithheldSecretsBecomeKnown() {
        Map<String, String> host = new LinkedHashMap<>();
        for (String name : ProbeEnvironment.NAMES) {
            host.put(name, "/pe-test/" + name.toLowerCase(java.util.Locale.ROOT));
        }
        host.put("LC_ALL", "C.UTF-8");
        host.put("LC_", "not a locale variable");
        host.put("FENCE_RUN_MODE", "forged");
        host.put("BASH_ENV", "/pe-test/evil.sh");
        host.put("LD_PRELOAD", "/pe-test/evil.so");
        host.put("PE_TEST_API_KEY", "peTestKey-9Zq2");
        host.put("PE_TEST_NONCE", "Vb8Nm3Qw6Er1Ty4Ui7Op");

        Map<String, String> passed = ProbeEnvironment.allowListed(host);

        assertThat(passed.keySet())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                                ProbeEnvironment.NAMES.stream(), java.util.stream.Stream.of("LC_ALL"))
                        .toList());
        assertThat(Redactor.knownSecrets())
                .contains("peTestKey-9Zq2", "Vb8Nm3Qw6Er1Ty4Ui7Op")
                .doesNotContain("/pe-test/evil.sh", "/pe-test/path", "C.UTF-8");
    }

    @Test
    void additionsPassAsConfiguredAndSecretNamedOnesBecomeKnown() {
        Map<String, String> configured =
                Map.of("HOME", "/pe-test/fake-home", "PE_TEST_GITHUB_TOKEN", "ghp_peTestAdded");
        assertThat(ProbeEnvironment.additions(configured)).isEqualTo(configured);
        assertThat(Redactor.knownSecrets()).contains("ghp_peTestAdded").doesNotContain("/pe-test/fake-home");
    }
}
