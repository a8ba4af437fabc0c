package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Linux's /proc says about real processes. */
class ProcfsTest {

    @BeforeAll
    static void linux() {
        assumeTrue(Procfs.available(), "no Linux /proc on this host");
    }

    /**
     * The misattribution codex 0.120.0 runs hit: a dead child whose parent does not reap it is a zombie, and
     * {@code ProcessHandle.isAlive()} (what the harness asked before) says it is alive. It runs nothing.
     */
    @Test
    void aZombieIsNotRunningThoughProcessHandleCallsItAlive() throws Exception {
        // the child exits after its parent has become `sleep`, which never reaps it
        Process parent = new ProcessBuilder("bash", "-c", "(sleep 0.3) & echo $!; exec sleep 60").start();
        try {
            long zombie = Long.parseLong(
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine()
                            .strip());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Procfs.stat(zombie).map(s -> s.state() != 'Z').orElse(true) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Procfs.stat(zombie))
                    .as("the child became a zombie")
                    .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo('Z'));
            assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).hasValue(true);
            assertThat(Procfs.running(zombie)).isFalse();
            assertThat(Procfs.running(parent.pid())).isTrue();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneDoesNotRun() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(Procfs.running(p.pid())).isFalse();
        assertThat(Procfs.stat(p.pid())).isEmpty();
    }

    @Test
    void readsTheGroupOfAProcessAndFindsExactEnvironmentEntries() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", "60");
        pb.environment().put("FENCE_TEST_TOKEN", "abc-123");
        Process p = pb.start();
        try {
            assertThat(Procfs.pids()).contains(p.pid(), ProcessHandle.current().pid());
            assertThat(Procfs.stat(p.pid()).orElseThrow().processGroup())
                    .isEqualTo(Procfs.stat(ProcessHandle.current().pid())
                            .orElseThrow()
                            .processGroup());
            assertThat(Procfs.environmentHolds(p.pid(), "FENCE_TEST_TOKEN=abc-123"))
                    .isTrue();
            assertThat(Procfs.environmentHolds(p.pid(), "FENCE_TEST_TOKEN=abc-12"))
                    .isFalse();
            assertThat(Procfs.environmentHolds(p.pid(), "EST_TOKEN=abc-123")).isFalse();
            assertThat(Procfs.environmentHolds(p.pid(), "FENCE_TEST_TOKEN=abc-123-more"))
                    .isFalse();
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
