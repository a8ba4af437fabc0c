package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad configuration through the CLI, as a separate JVM (issue 13, item 10): each case fails before any probe
 * runs (nothing on stdout), with its exit code and exact message; the limits themselves are accepted.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileConfigurationTest {

    private static final Path PROBES = CliProcess.fixture("hostile/inputs");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path out;

    private CliProcess rattle(String... more) {
        return cli(
                        "--rattle",
                        "--probe",
                        "fx_neighbour",
                        "--probes",
                        PROBES.toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        out.toString(),
                        "-c",
                        "codex-fence.expectations.enabled=false")
                .args(more)
                .timeout(DEADLINE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-c|codex-fence.timeout.secnods=1|2|unknown configuration key codex-fence.timeout.secnods (did you mean"
                        + " codex-fence.timeout.seconds?); it would be ignored (docs/engine.md lists the keys)",
                "-c|codex-fence.execution.parallel.config.fixed.parallelsim=2|2|unknown configuration key"
                        + " codex-fence.execution.parallel.config.fixed.parallelsim (did you mean"
                        + " codex-fence.execution.parallel.config.fixed.parallelism?); it would be ignored (docs/engine.md lists the keys)",
                "-c|codex-fence.net.target=8.8.8.8:53|3|configuration codex-fence.net.target=\"8.8.8.8:53\": not on this"
                        + " machine (loopback is 127.0.0.0/8, [::1] or localhost); outbound probes would send it packets: set"
                        + " codex-fence.net.target.allow-off-host=true to allow that",
                "-c|codex-fence.bash=/nonexistent|3|configuration codex-fence.bash=\"/nonexistent\": cannot run probes with it:"
                        + " /nonexistent does not exist",
                "--parallel|100000|2|--parallel expects a whole number from 1 to 64 (got 100000): each parallel run holds a"
                        + " process tree, a workspace and its output buffers",
                "--parallel|65|2|--parallel expects a whole number from 1 to 64 (got 65): each parallel run holds a process"
                        + " tree, a workspace and its output buffers",
                "--timeout|0|2|--timeout expects a number of seconds greater than 0 and at most 86400 (got \"0\")",
                "--timeout|86400.5|2|--timeout expects a number of seconds greater than 0 and at most 86400 (got \"86400.5\")",
                "--repeat|0|2|--repeat expects a whole number from 1 to 1000 (got 0)",
                "--repeat|1001|2|--repeat expects a whole number from 1 to 1000 (got 1001)",
                "-c|codex-fence.timeout.seconds=-3|3|configuration codex-fence.timeout.seconds=\"-3\": expected a number of"
                        + " seconds greater than 0 and at most 86400"
            })
    void aBadValueFailsBeforeAnyProbeRunsWithItsExactMessage(String option, String value, int exit, String message)
            throws Exception {
        var r = rattle(option, value).run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.stderr()).as(r.toString()).startsWith("codex-fence: " + message + "\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void anUnknownKeyGivenAsASystemPropertyIsRefusedToo() throws Exception {
        var r = rattle().jvm("-Dcodex-fence.timout.seconds=1").run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr())
                .isEqualTo("codex-fence: unknown configuration key codex-fence.timout.seconds (did you"
                        + " mean codex-fence.timeout.seconds?); it would be ignored (docs/engine.md lists the keys)\n");
    }

    @Test
    void anEngineParallelismPastTheBoundIsAConfigurationErrorNotAnOpaqueFailure() throws Exception {
        var r = rattle(
                        "-c",
                        "codex-fence.execution.parallel.enabled=true",
                        "-c",
                        "codex-fence.execution.parallel.config.strategy=fixed",
                        "-c",
                        "codex-fence.execution.parallel.config.fixed.parallelism=100000")
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(r.stderr())
                .isEqualTo("codex-fence: configuration codex-fence.execution.parallel.config.fixed.parallelism"
                        + "=\"100000\": expected a whole number of parallel runs from 1 to 64\n");
        assertThat(r.stderr()).doesNotContain("failed to execute tests");
    }

    @Test
    void theLimitsThemselvesAndAnExplicitlyAllowedOffHostTargetAreAccepted() throws Exception {
        // --list runs nothing: an off-host target is only checked, no packet is sent
        var listed = rattle(
                        "--list",
                        "--parallel",
                        "64",
                        "--repeat",
                        "1000",
                        "--timeout",
                        "86400",
                        "-c",
                        "codex-fence.net.target=8.8.8.8:53",
                        "-c",
                        "codex-fence.net.target.allow-off-host=true")
                .run();
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.stdout()).startsWith("fx_neighbour  baseline  cap_fs_read_workspace_tree");
        // a loopback target runs, and the neighbour gives its record
        var run = rattle("-c", "codex-fence.net.target=127.0.0.1:9", "--timeout", "30")
                .run();
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.lines()).singleElement().asString().contains("\"id\":\"fx_neighbour\"");
    }
}
