package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containment without a cgroup (non-root Linux without delegation): process group and environment token. */
class ProcessScanContainmentTest {

    @TempDir
    Path tmp;

    private final ProcessScanContainment containment = new ProcessScanContainment("test");
    private String marker;

    @BeforeEach
    void linux() {
        assumeTrue(Procfs.available() && ProcessGroups.available(), "needs Linux /proc, setsid and kill");
        marker = "scan_test_sleeper " + tmp;
    }

    @AfterEach
    void cleanUp() {
        Marked.killAll(marker);
    }

    private long runDaemon(RunScope scope, String envPrefix) throws Exception {
        Process p = scope.start(
                new Launch(List.of("bash", "-c", Marked.daemonScript(marker, envPrefix)), null, System.getenv()));
        scope.observe(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .as(
                        "exit %s, stderr %s",
                        p.exitValue(), new String(p.getErrorStream().readAllBytes()))
                .isNotBlank();
        return Long.parseLong(out.strip());
    }

    @Test
    void eachRunCarriesATokenOfItsOwnAndLeadsItsOwnGroup() throws Exception {
        Map<String, String> a = ((ProcessScanContainment.ScanRun) containment.begin()).environment();
        Map<String, String> b = ((ProcessScanContainment.ScanRun) containment.begin()).environment();
        assertThat(a).containsOnlyKeys(ProcessScanContainment.TOKEN_VARIABLE);
        assertThat(a.get(ProcessScanContainment.TOKEN_VARIABLE))
                .matches("[0-9a-f]{24}")
                .isNotEqualTo(b.get(ProcessScanContainment.TOKEN_VARIABLE));
        assertThat(containment.mechanism())
                .isEqualTo("process scan (process group, environment token; no cgroup: test)");
        RunScope scope = containment.begin();
        // the run's shell prints its pid, its process group and its token
        Process p = scope.start(new Launch(
                List.of(
                        "sh",
                        "-c",
                        "read -r pid comm state ppid group rest < /proc/$$/stat;" + " echo \"$pid $group $"
                                + ProcessScanContainment.TOKEN_VARIABLE + "\""),
                null,
                Map.of("PATH", System.getenv("PATH"))));
        String[] seen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .strip()
                .split(" ");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen[0])
                .as("a group of its own")
                .isEqualTo(Long.toString(p.pid()))
                .isEqualTo(seen[1]);
        assertThat(seen[2])
                .isEqualTo(((ProcessScanContainment.ScanRun) scope)
                        .environment()
                        .get(ProcessScanContainment.TOKEN_VARIABLE));
    }

    @Test
    void aDoubleForkedDaemonInASessionOfItsOwnIsFoundByItsTokenAndKilled() throws Exception {
        RunScope scope = containment.begin();
        long daemon = runDaemon(scope, "");
        assertThat(Marked.awaitProcesses(marker))
                .as("the daemon outlived its parent")
                .containsExactly(daemon);
        assertThat(Procfs.stat(daemon).orElseThrow().processGroup())
                .as("in a group of its own")
                .isEqualTo(daemon);

        assertThat(scope.stillRunning()).contains(daemon);
        scope.killAll();
        assertThat(Marked.processes(marker)).isEmpty();
        assertThat(scope.stillRunning()).isEmpty();
    }

    @Test
    void aProcessLeftInTheRunsGroupIsFoundWithoutItsToken() throws Exception {
        RunScope scope = containment.begin();
        Process p = scope.start(new Launch(
                List.of(
                        "bash",
                        "-c", // no token at all: only the group finds it
                        "env -i bash -c 'exec -a \"$0\" sleep 300' '" + marker
                                + "' </dev/null >/dev/null 2>&1 & echo $!"),
                null,
                System.getenv()));
        scope.observe(p);
        long left = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        p.waitFor();
        assertThat(scope.stillRunning()).containsExactly(left);
        scope.killAll();
        assertThat(Marked.processes(marker)).isEmpty();
    }

    @Test
    void anotherRunsTokenIsNotThisRunsBusiness() throws Exception {
        RunScope other = containment.begin();
        long daemon = runDaemon(other, "");
        RunScope scope = containment.begin();
        assertThat(scope.stillRunning()).doesNotContain(daemon);
        other.killAll();
    }
}
