package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.mode.CodexCli;
import dev.codexfence.engine.internal.mode.CodexInterface;
import dev.codexfence.engine.internal.mode.CodexProfile;
import dev.codexfence.engine.internal.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector of every CLI generation against a real release of it (the pinned set that .ci/run installs):
 * detection from the release's own help, the argv of each mode, what the sandbox then allows, and that running
 * the native binary gives the sandboxed command the same environment as the npm launcher does.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CodexGenerationsTest {

    /** Where the workspace goes: outside /tmp, which the workspace-write policy makes writable anyway. */
    /** Outside every writable root of the sandbox (not under /tmp, where a CI checkout may be): see TestScratch. */
    private static final Path SCRATCH = scratch();

    private static Path scratch() {
        try {
            return dev.codexfence.testing.TestScratch.folder("gen");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final ProcessRunner runner = new ProcessRunner();

    /** version, interface, subcommand, profile flag (or null), whether full access can be expressed. */
    static Stream<Arguments> generations() {
        return Stream.of(
                Arguments.of("0.1.2505291658", CodexInterface.DEBUG, List.of("debug", "landlock"), null, true),
                Arguments.of("0.40.0", CodexInterface.DEBUG, List.of("debug", "landlock"), null, false),
                Arguments.of("0.80.0", CodexInterface.SANDBOX_OS, List.of("sandbox", "linux"), null, false),
                Arguments.of("0.120.0", CodexInterface.SANDBOX_OS, List.of("sandbox", "linux"), null, false),
                Arguments.of(
                        "0.133.0",
                        CodexInterface.SANDBOX_OS,
                        List.of("sandbox", "linux"),
                        "--permissions-profile",
                        true),
                Arguments.of(
                        "0.140.0", CodexInterface.SANDBOX_PROFILE, List.of("sandbox"), "--permissions-profile", true),
                Arguments.of(
                        "0.171.0", CodexInterface.SANDBOX_PROFILE, List.of("sandbox"), "--permission-profile", true));
    }

    @ParameterizedTest(name = "codex {0}")
    @MethodSource("generations")
    void detectsTheGenerationFromTheReleasesOwnHelpAndFindsItsNativeBinary(
            String version, CodexInterface kind, List<String> subcommand, String profileFlag, boolean fullAccess) {
        CodexCli cli = PinnedReleases.require(version).cli();
        assertThat(cli.sandboxInterface()).isEqualTo(kind);
        assertThat(cli.options().subcommand()).isEqualTo(subcommand);
        assertThat(cli.profileFlag()).isEqualTo(profileFlag);
        assertThat(cli.launcher().direct()).as(cli.launcher().note()).isTrue();
        assertThat(cli.executable().getFileName().toString()).startsWith("codex");
        assertThat(cli.executable().toString()).doesNotEndWith(".js");
        var full = cli.invocation(CodexProfile.FULL_ACCESS, SCRATCH, List.of("true"));
        assertThat(full.argv().isPresent()).as(full.unsupportedReason()).isEqualTo(fullAccess);
        if (!fullAccess) {
            assertThat(full.unsupportedReason()).contains("cannot run a command under :danger-full-access");
        }
    }

    /**
     * Releases without -C take their working directory as the workspace: the harness starts them there. A write
     * in it must succeed and a write next to it (outside /tmp) must be denied; read-only denies both; full access
     * (where expressible) allows both.
     */
    @ParameterizedTest(name = "codex {0}")
    @MethodSource("generations")
    void theWorkingDirectoryIsTheWritableWorkspaceAndItsNeighbourIsNot(
            String version, CodexInterface kind, List<String> subcommand, String profileFlag, boolean fullAccess)
            throws IOException {
        CodexCli cli = PinnedReleases.require(version).cli();
        Path base = Files.createDirectories(SCRATCH);
        Path ws = Files.createTempDirectory(base, "ws-");
        Path outside = Files.createTempDirectory(base, "outside-");
        try {
            String script = "w=no; touch ./in 2>/dev/null && w=yes; if e=$(touch \"$1/x\" 2>&1); then o=yes; else"
                    + " o=\"no ${e##*: }\"; fi; printf '%s %s' \"$w\" \"$o\"";
            assertThat(run(cli, CodexProfile.WORKSPACE, ws, script, outside))
                    .matches("yes no (Permission denied|Read-only file system)");
            assertThat(run(cli, CodexProfile.READ_ONLY, ws, script, outside)).startsWith("no no ");
            if (fullAccess) {
                assertThat(run(cli, CodexProfile.FULL_ACCESS, ws, script, outside))
                        .startsWith("yes yes");
            }
        } finally {
            deleteTree(ws);
            deleteTree(outside);
        }
    }

    /** The launcher's environment changes are reproduced: the command inside sees the same variables both ways. */
    @ParameterizedTest(name = "codex {0}")
    @MethodSource("generations")
    void theNativeBinaryGivesTheCommandTheEnvironmentTheNpmLauncherGives(
            String version, CodexInterface kind, List<String> subcommand, String profileFlag, boolean fullAccess)
            throws IOException {
        ResolvedRelease.Ready release = PinnedReleases.require(version);
        CodexCli cli = release.cli();
        Path ws = Files.createTempDirectory(Files.createDirectories(SCRATCH), "env-");
        try {
            Map<String, String> base = new TreeMap<>(System.getenv());
            List<String> argv = cli.invocation(CodexProfile.READ_ONLY, ws, List.of("/usr/bin/env"))
                    .argv()
                    .orElseThrow();
            List<String> viaLauncher = new ArrayList<>(argv);
            viaLauncher.set(0, PinnedReleases.launcher(release).toString());
            Map<String, String> direct = environment(argv, ws, cli.environment(base));
            Map<String, String> launched = environment(viaLauncher, ws, base);
            assertThat(direct).containsKey("PATH");
            assertThat(direct).isEqualTo(launched);
        } finally {
            deleteTree(ws);
        }
    }

    private Map<String, String> environment(List<String> argv, Path ws, Map<String, String> env) throws IOException {
        ProcessRunner.Outcome o = runner.run(
                new ProcessRunner.Spec(argv, ws, env, Duration.ofSeconds(60), 1 << 20, 1 << 20, () -> false));
        assertThat(o.exitCode())
                .as(new String(o.stderr(), StandardCharsets.UTF_8))
                .isZero();
        Map<String, String> vars = new TreeMap<>();
        for (String line : new String(o.stdout(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                // codex puts a fresh temporary folder of helper links in front of PATH on every start
                vars.put(
                        line.substring(0, eq),
                        line.substring(eq + 1).replaceAll("(codex-arg0|/\\.tmp)[A-Za-z0-9]{6}", "$1*"));
            }
        }
        // the harness's own per-run token (process-scan containment), new on every run, is not the launcher's doing
        // (releases that pass only core variables to the command drop it, like every FENCE_ variable)
        vars.remove(dev.codexfence.engine.internal.containment.ProcessScanContainment.TOKEN_VARIABLE);
        return vars;
    }

    private String run(CodexCli cli, CodexProfile profile, Path ws, String script, Path outside) throws IOException {
        List<String> argv = cli.invocation(profile, ws, List.of("/bin/sh", "-c", script, "sh", outside.toString()))
                .argv()
                .orElseThrow();
        ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(
                argv, ws, cli.environment(System.getenv()), Duration.ofSeconds(60), 1 << 16, 1 << 16, () -> false));
        String out = new String(o.stdout(), StandardCharsets.UTF_8);
        assertThat(o.exitCode())
                .as("%s: %s %s", argv, out, new String(o.stderr(), StandardCharsets.UTF_8))
                .isZero();
        Files.deleteIfExists(ws.resolve("in"));
        Files.deleteIfExists(outside.resolve("x"));
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
