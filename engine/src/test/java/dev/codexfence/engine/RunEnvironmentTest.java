package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.internal.run.ProbeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every process the harness starts for a run gets the allow-listed environment, not the harness's own: codex
 * detection ({@code --version}, {@code sandbox --help}), {@code detect-stack}, the preflight and the probe
 * itself. A stand-in codex logs the variable names it was started with, then runs the command it is given.
 */
class RunEnvironmentTest {

    /** What bash adds to any environment it starts with. */
    private static final Set<String> BASH_OWN = Set.of("PWD", "OLDPWD", "SHLVL", "_");

    @TempDir
    Path dir;

    @Test
    void detectionStackFactsPreflightAndProbeSeeOnlyTheAllowList() throws IOException {
        List<String> inherited = System.getenv().keySet().stream()
                .filter(n -> !ProbeEnvironment.passes(n) && !n.startsWith("FENCE_") && !BASH_OWN.contains(n))
                .toList();
        assertThat(inherited)
                .as("this JVM's variables that must not reach probes")
                .isNotEmpty();

        Path log = dir.resolve("env.log");
        Path codex = dir.resolve("codex");
        Files.writeString(
                codex,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "printf '%s|%s\\n' \"$*\" \"$(compgen -e | tr '\\n' ' ')\" >> '" + log + "'",
                        "case \"$1\" in",
                        "  --version) echo 'codex-cli 0.169.0'; exit 0 ;;",
                        "  --help) printf 'Usage: codex [OPTIONS]\\n\\nCommands:\\n  sandbox  Run commands within a sandbox\\n'; exit 0 ;;",
                        "  sandbox) [ \"$2\" = --help ] && { printf 'Usage: codex sandbox [OPTIONS] [COMMAND]...\\n\\nOptions:\\n'"
                                + "'  -P, --permission-profile <NAME>\\n  -C, --cd <DIR>\\n'; exit 0; } ;;",
                        "esac",
                        "while [ $# -gt 0 ] && [ \"$1\" != -- ]; do shift; done",
                        "shift",
                        "exec \"$@\"",
                        ""));
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwx------"));

        var results = Fixtures.kit(
                        dir.resolve("out"),
                        Map.of(Constants.MODES, "codex-sandbox", Constants.CODEX_PATH, codex.toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_read_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));

        List<String> calls = Files.readAllLines(log);
        assertThat(calls)
                .as("codex --version, --help, sandbox --help, detect-stack, preflight, probe")
                .anyMatch(c -> c.startsWith("--version|"))
                .anyMatch(c -> c.startsWith("sandbox --help|"))
                .anyMatch(c -> c.contains("preflight"))
                .anyMatch(c -> c.contains("fx_read_ws.sh"))
                .filteredOn(c -> c.startsWith("--version|"))
                .hasSizeGreaterThanOrEqualTo(2);
        for (String call : calls) {
            List<String> names =
                    List.of(call.substring(call.indexOf('|') + 1).strip().split(" "));
            assertThat(names)
                    .as(call)
                    .contains("PATH")
                    .allMatch(n -> ProbeEnvironment.passes(n) || n.startsWith("FENCE_") || BASH_OWN.contains(n))
                    .doesNotContainAnyElementsOf(inherited);
        }
    }
}
