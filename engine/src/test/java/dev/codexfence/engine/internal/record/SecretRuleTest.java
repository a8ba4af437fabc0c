package dev.codexfence.engine.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.record.SecretRule.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OPENAI_API_KEY",
                "AWS_SECRET_ACCESS_KEY",
                "GITHUB_TOKEN",
                "DB_PASSWORD",
                "NPM_AUTH",
                "CLIENT_SECRET",
                "GH_PAT",
                "MY_APIKEY",
                "SLACK_ACCESSTOKEN",
                "db-passwd",
                "SSH_PASSPHRASE",
                "GPG_PIN",
                "SECRETS",
                "HF_TOKENS",
                "DB_PWD",
                "GOOGLE_APPLICATION_CREDENTIALS"
            })
    void secretLookingNames(String name) {
        assertThat(SecretRule.secretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PWD",
                "OLDPWD",
                "PATH",
                "HOME",
                "SSH_AUTH_SOCK",
                "TOKENIZERS_PARALLELISM",
                "KEYTIMEOUT",
                "GIT_AUTHOR_NAME",
                "XDG_SESSION_ID",
                "HOSTNAME",
                "SPINNER",
                "MONKEY_BUSINESS"
            })
    void ordinaryNames(String name) {
        assertThat(SecretRule.secretName(name)).isFalse();
    }

    @Test
    void secretNamedValuesCountFromSixCharactersUnlessAWordOrAnExistingPath() {
        assertThat(SecretRule.isSecret("DB_PASSWORD", "hunter", Origin.WITHHELD))
                .isTrue();
        assertThat(SecretRule.isSecret("DB_PASSWORD", "hunte", Origin.WITHHELD)).isFalse();
        assertThat(SecretRule.isSecret("DB_PASSWORD", "hunter", Origin.PASSED)).isTrue();
        assertThat(SecretRule.isSecret("SOME_TOKEN", "disabled", Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("SOME_KEY_FILE", "/", Origin.WITHHELD)).isFalse();
        assertThat(SecretRule.isSecret("AWS_SECRET_ACCESS_KEY", "/K7MDENG/bPxRfiCYcAnArY9", Origin.WITHHELD))
                .isTrue();
    }

    @Test
    void otherValuesCountOnlyWhenWithheldLongAndRandom() {
        String random = "Qm7Zp2Lx9RdTv4Nc8Kb1";
        assertThat(SecretRule.isSecret("BUILD_NONCE", random, Origin.WITHHELD)).isTrue();
        assertThat(SecretRule.isSecret("BUILD_NONCE", random, Origin.PASSED)).isFalse();
        assertThat(SecretRule.isSecret("BUILD_NONCE", random.substring(0, 15), Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("HOSTNAME", random, Origin.WITHHELD)).isFalse();
        assertThat(SecretRule.isSecret("XDG_RUNTIME_KEY", random, Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("BUILD_DIR", "/" + random, Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("BUILD_FLAGS", "-O2 " + random, Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("BUILD_NAME", "abcdefghijklmnopqrstuvwxyz", Origin.WITHHELD))
                .isFalse();
        assertThat(SecretRule.isSecret("BUILD_PAD", "a1a1a1a1a1a1a1a1a1a1", Origin.WITHHELD))
                .isFalse();
    }
}
