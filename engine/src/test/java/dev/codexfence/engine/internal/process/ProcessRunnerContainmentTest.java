package dev.codexfence.engine.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.containment.Containment;
import dev.codexfence.engine.internal.containment.Procfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProcessRunner with the containment a run session gets on this host (a cgroup where one can be made, else the
 * /proc scan): what is still running after the run's first process exited is reported and killed; what ended
 * within the run's exit grace is not.
 */
class ProcessRunnerContainmentTest {

    @TempDir
    Path tmp;

    private Containment containment;
    private ProcessRunner runner;
    private String marker;

    @BeforeEach
    void open() {
        assumeTrue(Procfs.available(), "needs Linux /proc");
        containment = Containment.forSession();
        runner = new ProcessRunner(containment);
        marker = "runner_test_sleeper " + tmp;
    }

    @AfterEach
    void close() {
        if (containment != null) {
            containment.close();
        }
        alive().forEach(h -> h.destroyForcibly());
    }

    private List<ProcessHandle> alive() {
        // argv[0] carries the marker (exec -a): the JDK's commandLine() would not show it
        return dev.codexfence.testing.LiveProcesses.handles(c -> c.contains(marker));
    }

    private ProcessRunner.Outcome run(String script, Duration grace) throws Exception {
        return runner.run(new ProcessRunner.Spec(
                List.of("bash", "-c", script),
                tmp,
                Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(60),
                1 << 16,
                1 << 16,
                () -> false,
                grace));
    }

    @Test
    void aDoubleForkedDaemonInASessionOfItsOwnIsReportedAndKilled() throws Exception {
        ProcessRunner.Outcome o = run(
                "( setsid bash -c 'exec -a \"$0\" sleep 300' '" + marker
                        + "' </dev/null >/dev/null 2>&1 & ); echo started",
                Duration.ZERO);
        assertThat(o.exitCode()).isZero();
        assertThat(new String(o.stdout())).isEqualTo("started\n");
        assertThat(o.leftBehind()).as(containment.mechanism()).isTrue();
        assertThat(alive()).isEmpty();
    }

    @Test
    void aChildThatEndsWithinTheExitGraceIsNotLeftBehind() throws Exception {
        ProcessRunner.Outcome o = run("sleep 0.2 </dev/null >/dev/null 2>&1 &", Duration.ofSeconds(60));
        assertThat(o.exitCode()).isZero();
        assertThat(o.leftBehind()).as(containment.mechanism()).isFalse();
    }

    @Test
    void withoutAGraceAChildStillRunningIsLeftBehind() throws Exception {
        ProcessRunner.Outcome o = run("exec -a '" + marker + "' sleep 300 </dev/null >/dev/null 2>&1 &", Duration.ZERO);
        assertThat(o.leftBehind()).as(containment.mechanism()).isTrue();
        assertThat(alive()).isEmpty();
    }

    @Test
    void aCleanRunLeavesNothingAndKeepsItsOutput() throws Exception {
        ProcessRunner.Outcome o = run("echo out; echo err >&2; exit 3", Duration.ZERO);
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(new String(o.stdout())).isEqualTo("out\n");
        assertThat(new String(o.stderr())).isEqualTo("err\n");
        assertThat(o.leftBehind()).isFalse();
        assertThat(o.pipesHeldOpen()).isFalse();
    }
}
