package dev.codexfence.engine.internal.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading a release's own help (recorded from real releases in src/test/fixtures/codex-help). */
class CodexDetectorTest {

    private static String help(String name) throws IOException {
        return Files.readString(Path.of("src/test/fixtures/codex-help", name + ".txt"));
    }

    @Test
    void anEarlyReleaseAnswersSandboxHelpWithItsTopLevelHelpWhichIsNotASandboxCommand() throws IOException {
        assertThat(CodexDetector.commands(help("0.40.0-codex")))
                .contains("exec", "debug")
                .doesNotContain("sandbox");
        assertThat(CodexDetector.usageNames(help("0.40.0-sandbox"), "sandbox")).isFalse();
        assertThat(CodexDetector.usageNames(help("0.40.0-debug-landlock"), "debug landlock"))
                .isTrue();
        assertThat(CodexDetector.options(help("0.40.0-debug-landlock")))
                .containsExactly("--config", "--full-auto", "--help");
    }

    @Test
    void theFirstReleasesNameTheirBinaryInTheUsageLineAndTakeSandboxPermissions() throws IOException {
        String h = help("0.1.2505291658-debug-landlock");
        assertThat(h).contains("Usage: codex-x86_64-unknown-linux-musl debug landlock");
        assertThat(CodexDetector.usageNames(h, "debug landlock")).isTrue();
        assertThat(CodexDetector.options(h)).contains("--full-auto", "--sandbox-permission", "--config");
    }

    @Test
    void theOsGenerationListsItsSystemsAsSubcommands() throws IOException {
        assertThat(CodexDetector.commands(help("0.80.0-codex")))
                .contains("sandbox")
                .doesNotContain("debug"); // an alias of sandbox
        assertThat(CodexDetector.usageNames(help("0.80.0-sandbox"), "sandbox")).isTrue();
        assertThat(CodexDetector.commands(help("0.80.0-sandbox"))).contains("macos", "linux", "windows");
        assertThat(CodexDetector.options(help("0.80.0-sandbox-linux")))
                .contains("--full-auto", "--config")
                .doesNotContain("--cd");
    }

    @Test
    void theProfileGenerationHasNoSystemSubcommandAndNamesItsProfileFlag() throws IOException {
        String h = help("0.169.0-sandbox");
        assertThat(CodexDetector.usageNames(h, "sandbox")).isTrue();
        assertThat(CodexDetector.commands(h)).containsExactly("uninstall", "help");
        assertThat(CodexDetector.options(h))
                .contains("--permission-profile", "--cd", "--config")
                .doesNotContain("--full-auto");
        // description lines (indented further) name no options
        assertThat(CodexDetector.options("Options:\n  -c, --config <key=value>\n          see --not-an-option\n"))
                .containsExactly("--config");
    }
}
