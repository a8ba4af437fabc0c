package dev.codexfence.engine.internal.mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The argv of each mode in each CLI generation, with the options those generations' help lists (the only place a
 * codex CLI is imitated: no process runs). Real releases of each generation are run in CodexGenerationsTest.
 */
class CodexCliTest {

    private static final Path CODEX = Path.of("/opt/codex");
    private static final Path WS = Path.of("/tmp/ws");
    private static final List<String> PROBE = List.of("bash", "/p/x.sh");

    private static CodexCli cli(
            String version, CodexInterface kind, List<String> subcommand, String profileFlag, String... flags) {
        return new CodexCli(
                CodexLauncher.asInstalled(CODEX, "test"),
                version,
                kind,
                new SandboxOptions(subcommand, Set.of(flags), profileFlag));
    }

    private static List<String> argv(CodexCli cli, CodexProfile profile) {
        return cli.invocation(profile, WS, PROBE).argv().orElseThrow();
    }

    /** 0.169.0, 0.171.0 (0.134.0 to 0.140.0 spell it --permissions-profile). */
    private static final CodexCli PROFILE = cli(
            "0.169.0",
            CodexInterface.SANDBOX_PROFILE,
            List.of("sandbox"),
            "--permission-profile",
            "--config",
            "--permission-profile",
            "--cd",
            "--profile",
            "--transparent-tcp");
    /** 0.128.0 to 0.133.0. */
    private static final CodexCli OS_PROFILE = cli(
            "0.133.0",
            CodexInterface.SANDBOX_OS,
            List.of("sandbox", "linux"),
            "--permissions-profile",
            "--config",
            "--permissions-profile",
            "--cd",
            "--enable",
            "--disable");
    /** 0.45.0 to 0.125.0. */
    private static final CodexCli OS_FULL_AUTO = cli(
            "0.80.0",
            CodexInterface.SANDBOX_OS,
            List.of("sandbox", "linux"),
            null,
            "--config",
            "--full-auto",
            "--enable",
            "--disable");
    /** 0.8.0 to 0.42.0. */
    private static final CodexCli DEBUG =
            cli("0.40.0", CodexInterface.DEBUG, List.of("debug", "landlock"), null, "--config", "--full-auto");
    /** 0.1.x. */
    private static final CodexCli DEBUG_PERMISSIONS = cli(
            "0.0.2505291458",
            CodexInterface.DEBUG,
            List.of("debug", "landlock"),
            null,
            "--config",
            "--full-auto",
            "--sandbox-permission");

    @Test
    void profileGenerationNamesTheBuiltInProfileAndTheWorkspaceAndUsesTheConfigFormForNetwork() {
        assertThat(argv(PROFILE, CodexProfile.WORKSPACE))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "--permission-profile",
                        ":workspace",
                        "-C",
                        "/tmp/ws",
                        "--",
                        "bash",
                        "/p/x.sh");
        assertThat(argv(PROFILE, CodexProfile.READ_ONLY))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "--permission-profile",
                        ":read-only",
                        "-C",
                        "/tmp/ws",
                        "--",
                        "bash",
                        "/p/x.sh");
        assertThat(argv(PROFILE, CodexProfile.FULL_ACCESS))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "--permission-profile",
                        ":danger-full-access",
                        "-C",
                        "/tmp/ws",
                        "--",
                        "bash",
                        "/p/x.sh");
        // a profile ignores -c sandbox_workspace_write.network_access; the config form cannot take -C
        assertThat(argv(PROFILE, CodexProfile.WORKSPACE_NETWORK))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "-c",
                        "sandbox_mode=\"workspace-write\"",
                        "-c",
                        "sandbox_workspace_write.network_access=true",
                        "--",
                        "bash",
                        "/p/x.sh");
    }

    @Test
    void osGenerationWithProfilesUsesTheConfigFormForFullAccessWhichNotEveryReleaseHasAsAProfile() {
        assertThat(argv(OS_PROFILE, CodexProfile.WORKSPACE))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "linux",
                        "--permissions-profile",
                        ":workspace",
                        "-C",
                        "/tmp/ws",
                        "--",
                        "bash",
                        "/p/x.sh");
        assertThat(argv(OS_PROFILE, CodexProfile.READ_ONLY)).containsSubsequence("--permissions-profile", ":read-only");
        assertThat(argv(OS_PROFILE, CodexProfile.FULL_ACCESS))
                .containsExactly(
                        "/opt/codex",
                        "sandbox",
                        "linux",
                        "-c",
                        "sandbox_mode=\"danger-full-access\"",
                        "--",
                        "bash",
                        "/p/x.sh");
        assertThat(argv(OS_PROFILE, CodexProfile.WORKSPACE_NETWORK))
                .containsSubsequence("-c", "sandbox_workspace_write.network_access=true")
                .doesNotContain("--full-auto");
    }

    @Test
    void fullAutoGenerationsHaveReadOnlyByDefaultFullAutoAndNetworkButNoFullAccess() {
        for (CodexCli cli : List.of(OS_FULL_AUTO, DEBUG)) {
            List<String> head = cli == DEBUG
                    ? List.of("/opt/codex", "debug", "landlock", "-c", CodexCli.INHERIT_ALL)
                    : List.of("/opt/codex", "sandbox", "linux");
            assertThat(argv(cli, CodexProfile.READ_ONLY))
                    .containsExactlyElementsOf(concat(head, "--", "bash", "/p/x.sh"));
            assertThat(argv(cli, CodexProfile.WORKSPACE))
                    .containsExactlyElementsOf(concat(head, "--full-auto", "--", "bash", "/p/x.sh"));
            assertThat(argv(cli, CodexProfile.WORKSPACE_NETWORK))
                    .containsExactlyElementsOf(concat(
                            head,
                            "--full-auto",
                            "-c",
                            "sandbox_workspace_write.network_access=true",
                            "--",
                            "bash",
                            "/p/x.sh"));
            var full = cli.invocation(CodexProfile.FULL_ACCESS, WS, PROBE);
            assertThat(full.argv()).isEmpty();
            assertThat(full.unsupportedReason())
                    .isEqualTo(
                            "codex " + cli.version() + " ("
                                    + cli.sandboxInterface().id()
                                    + " interface, `codex "
                                    + String.join(" ", cli.options().subcommand()) + "`) cannot run a command under"
                                    + " :danger-full-access: it only offers read-only and --full-auto (it ignores -c sandbox_mode)");
        }
        CodexMode mode = new CodexMode("codex-full", CodexProfile.FULL_ACCESS, DEBUG, null, "bash");
        assertThat(mode.unavailableReason()).get().asString().contains("debug interface");
    }

    @Test
    void theFirstReleasesSpellEveryPolicyAsAListOfPermissions() {
        List<String> head = List.of("/opt/codex", "debug", "landlock", "-c", CodexCli.INHERIT_ALL);
        assertThat(argv(DEBUG_PERMISSIONS, CodexProfile.READ_ONLY))
                .containsExactlyElementsOf(concat(head, "-s", "disk-full-read-access", "--", "bash", "/p/x.sh"));
        assertThat(argv(DEBUG_PERMISSIONS, CodexProfile.WORKSPACE))
                .containsExactlyElementsOf(concat(head, "--full-auto", "--", "bash", "/p/x.sh"));
        assertThat(argv(DEBUG_PERMISSIONS, CodexProfile.WORKSPACE_NETWORK))
                .containsExactlyElementsOf(concat(
                        head,
                        "-s",
                        "disk-full-read-access",
                        "-s",
                        "disk-write-cwd",
                        "-s",
                        "network-full-access",
                        "--",
                        "bash",
                        "/p/x.sh"));
        assertThat(argv(DEBUG_PERMISSIONS, CodexProfile.FULL_ACCESS))
                .containsExactlyElementsOf(concat(
                        head,
                        "-s",
                        "disk-full-read-access",
                        "-s",
                        "disk-full-write-access",
                        "-s",
                        "network-full-access",
                        "--",
                        "bash",
                        "/p/x.sh"));
    }

    @Test
    void aReleaseWithNeitherProfilesNorAnHonouredConfigCannotExpressThePolicy() {
        CodexCli bare = cli("9.9.9", CodexInterface.SANDBOX_PROFILE, List.of("sandbox"), null);
        assertThat(bare.invocation(CodexProfile.WORKSPACE, WS, PROBE).unsupportedReason())
                .endsWith("it has neither a built-in profile for it nor a -c sandbox_mode that it honours");
    }

    @Test
    void theNativeBinaryRunsWithWhatTheLauncherWouldSet() {
        var launcher = new CodexLauncher(
                Path.of("/i/node_modules/.bin/codex"),
                Path.of("/i/vendor/codex"),
                Map.of("CODEX_MANAGED_BY_NPM", "1"),
                Set.of("CODEX_MANAGED_BY_BUN"),
                List.of("/i/vendor/path"),
                "test");
        CodexCli cli = new CodexCli(launcher, "0.80.0", CodexInterface.SANDBOX_OS, OS_FULL_AUTO.options());
        assertThat(argv(cli, CodexProfile.WORKSPACE).get(0)).isEqualTo("/i/vendor/codex");
        Map<String, String> env =
                cli.environment(Map.of("PATH", "/usr/bin::/bin:", "CODEX_MANAGED_BY_BUN", "1", "HOME", "/h"));
        assertThat(env)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("PATH", "/i/vendor/path:/usr/bin:/bin", "CODEX_MANAGED_BY_NPM", "1", "HOME", "/h"));
        CodexMode mode = new CodexMode("codex-sandbox", CodexProfile.WORKSPACE, cli, null, "bash");
        assertThat(mode.environment(Map.of("HOME", "/h")))
                .containsEntry("CODEX_MANAGED_BY_NPM", "1")
                .containsEntry("PATH", "/i/vendor/path");
        assertThat(new BaselineMode("bash").environment(Map.of("HOME", "/h"))).isEqualTo(Map.of("HOME", "/h"));
    }

    @Test
    void missingCliMakesEveryCodexModeUnavailableWithTheReason() {
        var modes = ModeCatalog.create(
                List.of("baseline", "codex-sandbox"), new CodexDetector.Detection(null, "codex CLI not found"), "bash");
        assertThat(modes.get(0).unavailableReason()).isEmpty();
        assertThat(modes.get(1).unavailableReason()).contains("codex CLI not found");
    }

    @Test
    void unknownModeNameListsTheValidOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ModeCatalog.create(List.of("codex-yolo"), new CodexDetector.Detection(null, "x"), "bash"))
                .hasMessageContaining("unknown mode \"codex-yolo\"")
                .hasMessageContaining("baseline, codex-sandbox, codex-full, codex-read-only, codex-workspace-net");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
