package dev.codexfence.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.schema.FenceJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA CANARY\n-----END OPENSSH PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA CANARY (cut before the end)",
        "aws_access_key_id = AKIAIOSFODNN7CANARY1",
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY",
        "GITHUB_TOKEN=ghp_CANARY0123456789abcdefghijklmnopqrst",
        "token ghp_CANARY0123456789abcdefghijklmnopqrst in the middle",
        "Authorization: Bearer CANARYabcdefghijklmnop",
        "OPENAI_API_KEY=sk-proj-CANARY-0123456789abcdefghij",
        "\"password\": \"CANARY-hunter2\"",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.CANARYsignature123"})
    void secretsDisappear(String text) {
        String out = Redactor.redact("before " + text + " after");
        assertThat(out).doesNotContain("CANARY").contains(Redactor.MARK).startsWith("before ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"touch: cannot touch '/root/.x': Read-only file system", "exists=true size=411 type=file",
        "token_count=3", "/proc/self/status: NoNewPrivs 1", "cap_net_localhost_only"})
    void ordinaryEvidenceStays(String text) {
        assertThat(Redactor.redact(text)).isEqualTo(text.equals("token_count=3") ? "token_count=" + Redactor.MARK : text);
    }

    @Test
    void everyStringOfARecordTreeIsRedacted() {
        ObjectNode node = (ObjectNode) FenceJson.MAPPER.readTree(
                "{\"a\":\"AKIAIOSFODNN7CANARY1\",\"list\":[\"x\",\"GH_TOKEN=CANARYvalue\"],\"nested\":{\"k\":\"sk-CANARY0123456789abcdefghij\"},\"n\":1}");
        Redactor.redact(node);
        assertThat(node.toString()).doesNotContain("CANARY").contains("\"n\":1").contains("\"x\"");
    }
}
