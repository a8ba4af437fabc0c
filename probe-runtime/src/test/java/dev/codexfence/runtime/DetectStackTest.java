package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class DetectStackTest {

    @TempDir
    Path tmp;

    /** A stand-in codex that only prints a version line: it tests the parsing, nothing else. */
    private Path fakeCodex(String script) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bin"));
        Path codex = dir.resolve("codex");
        Files.writeString(codex, "#!/bin/sh\n" + script + "\n", UTF_8);
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwxr-xr-x"));
        return codex;
    }

    private static JsonNode ok(Scripts.Result r) {
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stdoutLines()).hasSize(1);
        return r.json();
    }

    private static String sh(String command) {
        return Scripts.run(List.of("sh", "-c", command), Map.of(), null)
                .stdout()
                .strip();
    }

    @Test
    void printsTheStackObject() {
        JsonNode s = ok(Scripts.helper("detect-stack", "--no-codex"));
        assertThat(s.propertyNames())
                .containsExactly(
                        "codex_cli_version",
                        "codex_profile",
                        "sandbox_mode",
                        "os",
                        "platform",
                        "uid",
                        "is_root",
                        "sandbox_interface");
        assertThat(s.get("codex_cli_version").isNull()).isTrue();
        assertThat(s.get("codex_profile").isNull()).isTrue();
        assertThat(s.get("sandbox_mode").isNull()).isTrue();
        assertThat(s.get("sandbox_interface").isNull()).isTrue();
        assertThat(s.get("os").stringValue()).isEqualTo(sh("uname -srm"));
        String kernel = sh("uname -s");
        assertThat(s.get("platform").stringValue())
                .isEqualTo(kernel.equals("Linux") ? "linux" : kernel.equals("Darwin") ? "macos" : "other");
        assertThat(s.get("uid").asInt()).isEqualTo(Integer.parseInt(sh("id -u")));
        assertThat(s.get("is_root").booleanValue()).isEqualTo(s.get("uid").asInt() == 0);
    }

    @Test
    void readsTheVersionOfTheNamedCodex() throws IOException {
        Path codex = fakeCodex("echo 'codex-cli 9.9.9'");
        assertThat(ok(Scripts.helper("detect-stack", "--codex", codex.toString()))
                        .get("codex_cli_version")
                        .stringValue())
                .isEqualTo("9.9.9");
        assertThat(ok(Scripts.helper("detect-stack", Map.of("CODEX_BIN", codex.toString())))
                        .get("codex_cli_version")
                        .stringValue())
                .isEqualTo("9.9.9");
        assertThat(ok(Scripts.helper("detect-stack", Map.of("CODEX_BIN", codex.toString()), "--no-codex"))
                        .get("codex_cli_version")
                        .isNull())
                .isTrue();
    }

    @Test
    void versionParsingCornerCases() throws IOException {
        assertThat(version("printf 'codex-cli 0.169.0-alpha.1\\nmore\\n'")).isEqualTo("\"0.169.0-alpha.1\"");
        assertThat(version("echo 'codex \"x\\\\\" 1.2'")).isEqualTo("\"1.2\"");
        assertThat(version("echo 'dev-build'")).isEqualTo("\"dev-build\"");
        assertThat(version("true")).isEqualTo("null");
        assertThat(version("echo 'codex-cli 1.0.0'; exit 3")).isEqualTo("null");
        assertThat(ok(Scripts.helper(
                                "detect-stack",
                                "--codex",
                                tmp.resolve("missing").toString()))
                        .get("codex_cli_version")
                        .isNull())
                .isTrue();
    }

    private String version(String script) throws IOException {
        return ok(Scripts.helper("detect-stack", "--codex", fakeCodex(script).toString()))
                .get("codex_cli_version")
                .toString();
    }

    @Test
    void usageErrors() {
        Scripts.Result r = Scripts.helper("detect-stack", "--bogus");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.stdoutBytes()).isEmpty();
        assertThat(r.stderr()).isEqualTo("detect-stack: unknown argument: --bogus\n");
        assertThat(Scripts.helper("detect-stack", "--codex").exit()).isEqualTo(64);
    }
}
