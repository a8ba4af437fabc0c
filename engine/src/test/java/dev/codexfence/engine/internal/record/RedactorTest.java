package dev.codexfence.engine.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class RedactorTest {

    /** Withheld secrets of this test (the Redactor's known secrets are process-wide: unique values). */
    static final String OPENAI = "sk-proj-RdT7cAnArY0pq9Zx81kQp03LmVb72NcRw4Ys6Ht5Ju8Ki1Lo2Mn3Bv4Cx5Dz6Ea";

    static final String AWS = "wJalrXUtnRdT/K7MDENG+bPxRfiCYcAnArY9kEy0";
    static final String GITHUB = "ghp_RdTcAnArY7Kq2Wm9Xz4Lp8Vn3Bc6Hj1Gf5Ds0";
    static final String PASSWORD = "Tr0ub4dor&3 rdt-canary";
    /** Not secret-named, but long and random: withheld, so a known secret by entropy. */
    static final String RANDOM_ID = "Qm7Zp2Lx9RdTv4Nc8Kb1";

    /** Withheld values the rule must not count: short, paths, common shell variables, plain words. */
    static final Map<String, String> HARMLESS = new LinkedHashMap<>();

    static Path existingSecretFile;

    @BeforeAll
    static void learn(@TempDir Path dir) throws Exception {
        existingSecretFile = Files.writeString(dir.resolve("creds.json"), "{}");
        Map<String, String> withheld = new LinkedHashMap<>();
        withheld.put("OPENAI_API_KEY", OPENAI);
        withheld.put("AWS_SECRET_ACCESS_KEY", AWS);
        withheld.put("GITHUB_TOKEN", GITHUB);
        withheld.put("DB_PASSWORD", PASSWORD);
        withheld.put("BUILD_NONCE", RANDOM_ID);
        HARMLESS.put("PWD", "/work/rdt-project/checkout");
        HARMLESS.put("OLDPWD", "/work/rdt-project");
        HARMLESS.put("SHLVL", "1");
        HARMLESS.put("_", "/usr/lib/jvm/rdt-jdk/bin/java");
        HARMLESS.put("HOSTNAME", "runner-Rdt8Kq2Zx91LmP4v");
        HARMLESS.put("API_PIN", "4711x"); // secret-named, shorter than 6
        HARMLESS.put("SOME_TOKEN_ENABLED", "disabled"); // secret-named, a common word
        HARMLESS.put("GOOGLE_APPLICATION_CREDENTIALS", existingSecretFile.toString()); // an existing file
        HARMLESS.put("RDT_MODE", "aaaaaaaaaaaaaaaaaaaaaaaa"); // long, but no entropy
        HARMLESS.put("RDT_OPTS", "-Xmx2g -Drdt.flag=Hg5Wt1Yu3Io9Pa"); // whitespace
        HARMLESS.put("RDT_PLUGIN_DIR", "/opt/rdt/Qm7Zp2Lx9Rv4Nc8Kb/plugins"); // a path
        HARMLESS.put("RDT_LABEL", "release-candidate"); // one letter class
        HARMLESS.put("RDT_HOME_COPY", "/home/rdt-user-Fd6Sa2Gh7Jk"); // given to probes anyway (inside HOME)
        withheld.putAll(HARMLESS);
        Redactor.learnWithheld(withheld, List.of("/home/rdt-user-Fd6Sa2Gh7Jk", "/usr/bin:/bin"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA CANARY\n-----END OPENSSH PRIVATE KEY-----",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA CANARY (cut before the end)",
                "aws_access_key_id = AKIAIOSFODNN7CANARY1",
                "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY",
                "GITHUB_TOKEN=ghp_CANARY0123456789abcdefghijklmnopqrst",
                "token ghp_CANARY0123456789abcdefghijklmnopqrst in the middle",
                "Authorization: Bearer CANARYabcdefghijklmnop",
                "OPENAI_API_KEY=sk-proj-CANARY-0123456789abcdefghij",
                "\"password\": \"CANARY-hunter2\"",
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.CANARYsignature123"
            })
    void secretLookingValuesDisappear(String text) {
        String out = Redactor.redact("before " + text + " after");
        assertThat(out).doesNotContain("CANARY").contains(Redactor.MARK).startsWith("before ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "touch: cannot touch '/root/.x': Read-only file system",
                "exists=true size=411 type=file",
                "token_count=3",
                "/proc/self/status: NoNewPrivs 1",
                "cap_net_localhost_only"
            })
    void ordinaryEvidenceStays(String text) {
        assertThat(Redactor.redact(text))
                .isEqualTo(text.equals("token_count=3") ? "token_count=" + Redactor.MARK : text);
    }

    @Test
    void everyStringOfARecordTreeIsRedacted() {
        ObjectNode node = (ObjectNode)
                FenceJson.MAPPER.readTree(
                        "{\"a\":\"AKIAIOSFODNN7CANARY1\",\"list\":[\"x\",\"GH_TOKEN=CANARYvalue\"],\"nested\":{\"k\":\"sk-CANARY0123456789abcdefghij\"},\"n\":1}");
        Redactor.redact(node);
        assertThat(node.toString()).doesNotContain("CANARY").contains("\"n\":1").contains("\"x\"");
    }

    // ---- known secrets: the values withheld from probes

    @Test
    void theRuleCountsTheSecretsAndNotTheHarmlessValues() {
        assertThat(Redactor.knownSecrets())
                .contains(OPENAI, AWS, GITHUB, PASSWORD, RANDOM_ID)
                .doesNotContainAnyElementsOf(HARMLESS.values());
    }

    static Stream<Arguments> encodedCopies() {
        List<Arguments> all = new ArrayList<>();
        for (String secret : List.of(OPENAI, AWS, GITHUB, PASSWORD, RANDOM_ID)) {
            for (Map.Entry<String, String> form : SecretEncodings.all(secret).entrySet()) {
                all.add(Arguments.of(secret, form.getKey(), form.getValue()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("encodedCopies")
    void aWithheldValueGoesInEveryEncoding(String secret, String form, String encoded) {
        String out = Redactor.redact("seen: " + encoded + " (done)");
        assertThat(out).as(form).startsWith("seen: ").endsWith(" (done)").contains(Redactor.MARK);
        assertThat(SecretEncodings.leaks(out, secret))
                .as("%s left in %s", form, out)
                .isEmpty();
    }

    @ParameterizedTest(name = "{1} of {0}, cut short")
    @MethodSource("encodedCopies")
    void aCopyCutShortLeavesNoPieceOfEightCharacters(String secret, String form, String encoded) {
        String cut = encoded.substring(0, encoded.length() * 3 / 4);
        String out = Redactor.redact("seen: " + cut + "…");
        assertThat(out).as(form).startsWith("seen: ").endsWith("…").contains(Redactor.MARK);
        for (int i = 0; i + 8 <= cut.length(); i++) {
            assertThat(out).as("%s: %s", form, out).doesNotContain(cut.substring(i, i + 8));
        }
    }

    @Test
    void aCopyCutShortGoesToo() {
        String cut = AWS.substring(0, 20);
        assertThat(Redactor.redact("stderr: " + cut + "…")).isEqualTo("stderr: " + Redactor.MARK + "…");
        assertThat(Redactor.redact("tail " + AWS.substring(15))).isEqualTo("tail " + Redactor.MARK);
    }

    @Test
    void aCopySplitOverTwoStringsOfARecordGoes() {
        ObjectNode record = FenceJson.MAPPER.createObjectNode();
        ObjectNode args = record.putObject("operation").putObject("args");
        args.put("a", "first=" + PASSWORD.substring(0, 7));
        args.put("b", PASSWORD.substring(7));
        record.putObject("result").put("message", "x " + GITHUB.substring(0, 5));
        record.putObject("payload").putArray("list").add("zz").add(GITHUB.substring(5) + " rest");
        Redactor.redact(record);
        assertThat(record.at("/operation/args/a").asString()).isEqualTo("first=" + Redactor.MARK);
        assertThat(record.at("/operation/args/b").asString()).isEqualTo(Redactor.MARK);
        assertThat(record.at("/result/message").asString()).isEqualTo("x " + Redactor.MARK);
        assertThat(record.at("/payload/list/1").asString()).isEqualTo(Redactor.MARK + " rest");
        assertThat(record.at("/payload/list/0").asString()).isEqualTo("zz");
    }

    @Test
    void aLongSecretGoesByItsPiecesWithoutDeepPatterns() {
        StringBuilder json = new StringBuilder("{\"type\":\"service_account\",\"private_key_id\":\"");
        java.util.Random random = new java.util.Random(42);
        while (json.length() < 20_000) {
            json.append((char) ('a' + random.nextInt(26))).append(random.nextInt(10));
        }
        String secret = json.append("\"}").toString();
        Redactor.learnWithheld(Map.of("RDT_GOOGLE_CREDENTIALS", secret), List.of());
        String out = Redactor.redact("cat: " + secret + " and "
                + String.join(" ", secret.substring(0, 600).split("")));
        assertThat(out).startsWith("cat: " + Redactor.MARK).contains(" and ").hasSizeLessThan(80);
        assertThat(SecretEncodings.leaks(out, secret)).isEmpty();
    }

    @Test
    void harmlessWithheldValuesLeaveHonestTextAlone() {
        for (Map.Entry<String, String> e : HARMLESS.entrySet()) {
            String text = "target " + e.getValue() + " in " + e.getValue() + "/sub, exit 1";
            assertThat(Redactor.redact(text)).as(e.getKey()).isEqualTo(text);
        }
        ObjectNode record = FenceJson.MAPPER.createObjectNode();
        record.putObject("operation")
                .put("target", HARMLESS.get("PWD"))
                .putObject("args")
                .put("a", "1")
                .put("b", "11");
        record.putObject("result")
                .put("message", "cwd " + HARMLESS.get("OLDPWD") + " host " + HARMLESS.get("HOSTNAME"));
        String before = record.toString();
        Redactor.redact(record);
        assertThat(record.toString()).isEqualTo(before);
    }

    @Test
    void secretNamedProbeVariablesAreKnownSecretsAndOthersAreNot() {
        Redactor.learnPassed(
                Map.of("RDT_SERVICE_TOKEN", "rdtPassedTok3n", "RDT_FAKE_HOME", "/tmp/rdt-fake-home-Lk3Jh5Gf"));
        assertThat(Redactor.knownSecrets()).contains("rdtPassedTok3n").doesNotContain("/tmp/rdt-fake-home-Lk3Jh5Gf");
        assertThat(Redactor.redact("token rdtPassedTok3n, home /tmp/rdt-fake-home-Lk3Jh5Gf"))
                .isEqualTo("token " + Redactor.MARK + ", home /tmp/rdt-fake-home-Lk3Jh5Gf");
    }
}
