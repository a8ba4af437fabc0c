package dev.codexfence.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argv each codex generation gets, per policy (the only place a codex CLI is imitated: no process runs). */
class CodexCliTest {

    private static final Path CODEX = Path.of("/opt/codex");
    private static final Path WS = Path.of("/tmp/ws");
    private static final List<String> PROBE = List.of("bash", "/p/x.sh");

    private static List<String> argv(CodexCli cli, CodexProfile profile) {
        return cli.invocation(profile, WS, PROBE).argv().orElseThrow();
    }

    @Test
    void profileGenerationUsesTheDetectedProfileFlagAndWorkspace() {
        CodexCli cli = new CodexCli(CODEX, "0.169.0", CodexInterface.SANDBOX_PROFILE, "--permission-profile", false, null);
        assertThat(argv(cli, CodexProfile.WORKSPACE)).containsExactly("/opt/codex", "sandbox", "--permission-profile",
                ":workspace", "-C", "/tmp/ws", "--", "bash", "/p/x.sh");
        assertThat(argv(cli, CodexProfile.FULL_ACCESS)).containsSubsequence("--permission-profile", ":danger-full-access");
        assertThat(argv(cli, CodexProfile.READ_ONLY)).containsSubsequence("--permission-profile", ":read-only");
        // network needs the config form, which cannot take -C (it runs with the workspace as working directory)
        assertThat(argv(cli, CodexProfile.WORKSPACE_NETWORK)).containsExactly("/opt/codex", "sandbox", "-c",
                "sandbox_mode=\"workspace-write\"", "-c", "sandbox_workspace_write.network_access=true", "--", "bash", "/p/x.sh");
    }

    @Test
    void profileGenerationWithoutProfileFlagFallsBackToConfigForm() {
        CodexCli cli = new CodexCli(CODEX, "0.134.0", CodexInterface.SANDBOX_PROFILE, null, false, null);
        assertThat(argv(cli, CodexProfile.FULL_ACCESS)).containsExactly("/opt/codex", "sandbox", "-c",
                "sandbox_mode=\"danger-full-access\"", "--", "bash", "/p/x.sh");
    }

    @Test
    void osGenerationNamesTheOsAndUsesFullAutoWhileAccepted() {
        CodexCli old = new CodexCli(CODEX, "0.60.0", CodexInterface.SANDBOX_OS, null, true, "linux");
        assertThat(argv(old, CodexProfile.WORKSPACE)).containsExactly("/opt/codex", "sandbox", "linux", "--full-auto",
                "--", "bash", "/p/x.sh");
        assertThat(argv(old, CodexProfile.READ_ONLY)).containsExactly("/opt/codex", "sandbox", "linux", "--", "bash", "/p/x.sh");
        assertThat(argv(old, CodexProfile.FULL_ACCESS)).containsExactly("/opt/codex", "sandbox", "linux", "-c",
                "sandbox_mode=\"danger-full-access\"", "--", "bash", "/p/x.sh");

        // about 0.126-0.133: --full-auto refused, profiles accepted
        CodexCli late = new CodexCli(CODEX, "0.130.0", CodexInterface.SANDBOX_OS, "--permissions-profile", false, "macos");
        assertThat(argv(late, CodexProfile.WORKSPACE)).containsExactly("/opt/codex", "sandbox", "macos",
                "--permissions-profile", ":workspace", "--", "bash", "/p/x.sh");
        assertThat(argv(late, CodexProfile.WORKSPACE)).doesNotContain("--full-auto");
    }

    @Test
    void debugGenerationHasNoDoubleDashAndCannotExpressFullAccess() {
        CodexCli cli = new CodexCli(CODEX, "0.1.0", CodexInterface.DEBUG, null, true, "landlock");
        assertThat(argv(cli, CodexProfile.WORKSPACE)).containsExactly("/opt/codex", "debug", "landlock", "--full-auto",
                "bash", "/p/x.sh");
        var full = cli.invocation(CodexProfile.FULL_ACCESS, WS, PROBE);
        assertThat(full.argv()).isEmpty();
        assertThat(full.unsupportedReason()).contains("cannot run a command under :danger-full-access");
        CodexMode mode = new CodexMode("codex-full", CodexProfile.FULL_ACCESS, cli, null, "bash");
        assertThat(mode.unavailableReason()).get().asString().contains("debug interface");
    }

    @Test
    void missingCliMakesEveryCodexModeUnavailableWithTheReason() {
        var modes = ModeCatalog.create(List.of("baseline", "codex-sandbox"),
                new CodexDetector.Detection(null, "codex CLI not found"), "bash");
        assertThat(modes.get(0).unavailableReason()).isEmpty();
        assertThat(modes.get(1).unavailableReason()).contains("codex CLI not found");
    }

    @Test
    void unknownModeNameListsTheValidOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModeCatalog.create(List.of("codex-yolo"),
                        new CodexDetector.Detection(null, "x"), "bash"))
                .hasMessageContaining("unknown mode \"codex-yolo\"")
                .hasMessageContaining("baseline, codex-sandbox, codex-full, codex-read-only, codex-workspace-net");
    }
}
