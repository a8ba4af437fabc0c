package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Containment by cgroup v2, with real cgroups, for each way a run gets into its cgroup: only where this JVM may
 * make one (root, or a delegated subtree); elsewhere the tests are aborted with the reason.
 */
@ParameterizedClass
@EnumSource(CgroupContainment.Placement.class)
class CgroupContainmentTest {

    @Parameter
    CgroupContainment.Placement placement;

    @TempDir
    Path tmp;

    private CgroupContainment containment;
    private String marker;

    @BeforeEach
    void open() throws IOException {
        assumeTrue(Procfs.available(), "no Linux /proc");
        CgroupContainment.Attempt attempt = CgroupContainment.openUnder(CgroupContainment.ownCgroup(), placement);
        assumeTrue(
                attempt.containment().isPresent(),
                () -> "no " + placement + " cgroup containment here: " + attempt.reason());
        containment = attempt.containment().get();
        marker = "cgroup_test_sleeper " + tmp;
    }

    @AfterEach
    void close() {
        if (containment != null) {
            containment.close();
        }
        Marked.killAll(marker);
    }

    private static Launch launch(String... argv) {
        return new Launch(List.of(argv), null, Map.of("PATH", System.getenv("PATH")));
    }

    private static Process start(List<String> argv) throws IOException {
        return new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theSessionCgroupIsNamedAfterThisJvmAndEachRunGetsAChildOfIt() throws Exception {
        assertThat(containment.folder().getFileName().toString())
                .startsWith(CgroupContainment.SESSION_PREFIX
                        + ProcessHandle.current().pid() + "-");
        assertThat(containment.mechanism())
                .isEqualTo("cgroup v2 " + containment.folder() + " ("
                        + placement.name().toLowerCase(java.util.Locale.ROOT) + ")");
        try (RunScope first = containment.begin();
                RunScope second = containment.begin()) {
            Process a = first.start(launch("cat", "/proc/self/cgroup"));
            Process b = second.start(launch("cat", "/proc/self/cgroup"));
            String session = "/" + containment.folder().getFileName();
            assertThat(finish(a)).contains(session + "/run-");
            String line = finish(b)
                    .lines()
                    .filter(l -> l.startsWith("0::"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line).contains(session + "/run-");
            Path folder = containment.folder().resolve(line.substring(line.lastIndexOf('/') + 1));
            assertThat(folder).isDirectory();
            second.close();
            assertThat(folder).doesNotExist();
        }
    }

    @Test
    void aDoubleForkedDaemonInASessionOfItsOwnWithoutAnyEnvironmentIsFoundAndKilled() throws Exception {
        try (RunScope scope = containment.begin()) {
            Process p = scope.start(launch("bash", "-c", Marked.daemonScript(marker, "env -i")));
            long daemon = Long.parseLong(finish(p).strip());
            assertThat(p.exitValue()).isZero();
            assertThat(Marked.awaitProcesses(marker))
                    .as("the daemon outlived its parent")
                    .containsExactly(daemon);
            assertThat(Procfs.stat(daemon).orElseThrow().processGroup())
                    .as("in a group of its own")
                    .isEqualTo(daemon);

            assertThat(scope.stillRunning()).containsExactly(daemon);
            scope.killAll();
            assertThat(Marked.processes(marker)).isEmpty();
            assertThat(scope.stillRunning()).isEmpty();
        }
    }

    @Test
    void closingTheSessionKillsWhatIsStillInsideAndRemovesEveryCgroup() throws Exception {
        RunScope scope = containment.begin();
        Process p = scope.start(launch("bash", "-c", Marked.daemonScript(marker, "")));
        long daemon = Long.parseLong(finish(p).strip());
        assertThat(Marked.awaitProcesses(marker)).containsExactly(daemon);
        Path session = containment.folder();

        containment.close();
        containment = null;

        assertThat(Marked.processes(marker)).isEmpty();
        assertThat(session).doesNotExist();
        scope.close(); // a run closed after its session: nothing left to do, and no error
    }

    @Test
    void aRunThatCannotEnterItsCgroupNeverStartsItsCommandAndSaysSo() throws Exception {
        try (CgroupContainment.CgroupRun scope = containment.begin()) {
            Path cgroup = scope.cgroup().folder();
            Files.delete(cgroup); // removed under the run: neither the thread nor the wrapper can enter it
            Path witness = tmp.resolve("ran");
            if (placement == CgroupContainment.Placement.THREADED) {
                assertThatThrownBy(() -> scope.start(launch("touch", witness.toString())))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(cgroup.toString());
                assertThat(witness).doesNotExist();
                assertThat(ownThreadCgroup())
                        .as("this thread stayed where it was")
                        .isEqualTo(ownProcessCgroup());
                return;
            }
            Process p = scope.start(launch("touch", witness.toString()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            byte[] stderr = p.getErrorStream().readAllBytes();

            assertThat(p.exitValue()).isEqualTo(CgroupContainment.ENTRY_FAILED);
            assertThat(witness).doesNotExist();
            assertThatThrownBy(() -> scope.checkEntered(p.exitValue(), stderr))
                    .isInstanceOf(IOException.class)
                    .hasMessage("codex-fence: could not move the run into cgroup " + cgroup);
        }
    }

    @Test
    void theRunsProcessGetsExactlyItsArgumentsDirectoryAndStdin() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a dir\nwith a newline"));
        try (RunScope scope = containment.begin()) {
            Process p = scope.start(new Launch(
                    List.of(
                            "bash",
                            "-c",
                            "pwd; printf '<%s>' \"$@\"; echo; cat; echo \"stdin $?\"",
                            "arg0",
                            "two words",
                            "a=b",
                            "-i",
                            "new\nline",
                            ""),
                    dir,
                    Map.of("PATH", System.getenv("PATH"))));
            assertThat(finish(p)).isEqualTo(dir + "\n<two words><a=b><-i><new\nline><>\nstdin 0\n");
            assertThat(p.exitValue()).isZero();
        }
    }

    /**
     * The wrapper's shell must not change the environment the run's command gets: dash adds PWD and resets IFS,
     * OPTIND and PPID, which the wrapper puts back (a stale PWD too, as a direct start would pass it).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "a stale PWD", "IFS, OPTIND and PPID"})
    void theRunsProcessGetsExactlyItsEnvironment(String kind) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PATH",
                System.getenv("PATH"),
                "A",
                "x=y z",
                "QUOTED",
                "it's \"$HOME\" `x`",
                "MULTI",
                "line 1\nline 2",
                "EMPTY",
                "",
                "OLDPWD",
                "/old"));
        switch (kind) {
            case "a stale PWD" -> env.put("PWD", "/not/the/directory it's in");
            case "IFS, OPTIND and PPID" -> env.putAll(Map.of("IFS", ":", "OPTIND", "7", "PPID", "12345"));
            default -> {}
        }
        try (RunScope scope = containment.begin()) {
            Process p = scope.start(new Launch(List.of("/usr/bin/env", "-0"), tmp, env));
            assertThat(List.of(finish(p).split("\0")))
                    .containsExactlyInAnyOrderElementsOf(env.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
        }
    }

    private static String ownThreadCgroup() throws IOException {
        return Files.readString(Path.of("/proc/thread-self/cgroup"))
                .lines()
                .filter(l -> l.startsWith("0::"))
                .findFirst()
                .orElseThrow();
    }

    private static String ownProcessCgroup() throws IOException {
        return Files.readString(Path.of("/proc/self/cgroup"))
                .lines()
                .filter(l -> l.startsWith("0::"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Threaded: the thread that starts a run goes back to the JVM's cgroup, and so does any thread the JDK started
     * meanwhile (its process reaper, for processes started from several threads at once): no thread of this JVM
     * is ever where runs are frozen and killed.
     */
    @Test
    void noThreadOfThisJvmStaysInARunsCgroup() throws Exception {
        List<RunScope> scopes = new java.util.ArrayList<>();
        List<Process> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RunScope scope = containment.begin();
            scopes.add(scope);
            threads.add(new Thread(() -> {
                try {
                    started.add(scope.start(launch("sleep", "2")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(started).hasSize(4);
        assertThat(ownThreadCgroup()).isEqualTo(ownProcessCgroup());
        for (RunScope scope : scopes) {
            CgroupContainment.CgroupRun run = (CgroupContainment.CgroupRun) scope;
            assertThat(run.cgroup().threaded()).isEqualTo(placement == CgroupContainment.Placement.THREADED);
            if (run.cgroup().threaded()) {
                assertThat(run.cgroup().ownThreads()).isEmpty();
            }
            // threaded: born inside; wrapper: inside once its shell has moved itself in, a moment after the start
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (run.stillRunning().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(run.stillRunning())
                    .hasSize(1)
                    .doesNotContain(ProcessHandle.current().pid());
            scope.killAll();
            assertThat(run.stillRunning()).isEmpty();
            scope.close();
            assertThat(run.cgroup().folder()).doesNotExist();
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue(); // the JVM was never signalled
    }

    @Test
    void aProbeThatExitsWithTheWrappersStatusButAnotherMessageIsNotMistakenForIt() throws Exception {
        try (RunScope scope = containment.begin()) {
            scope.checkEntered(
                    CgroupContainment.ENTRY_FAILED, "some probe's own error\n".getBytes(StandardCharsets.UTF_8));
            scope.checkEntered(0, new byte[0]);
        }
    }

    @Test
    void theSessionOfAJvmThatIsGoneIsKilledAndRemovedAtTheNextOpen() throws Exception {
        Path parent = containment.folder().getParent();
        // a session named after a pid that is not running (the highest possible one is never used in practice),
        // with a daemon still inside one of its runs, as a JVM killed with SIGKILL mid-run leaves it
        Path stale = parent.resolve(CgroupContainment.SESSION_PREFIX + Integer.MAX_VALUE + "-000000000000");
        Files.createDirectory(stale);
        Path run = Files.createDirectory(stale.resolve("run-1"));
        Process p = start(List.of(
                "/bin/sh",
                "-c",
                CgroupContainment.WRAPPER,
                run.resolve("cgroup.procs").toString(),
                "bash",
                "-c",
                Marked.daemonScript(marker, "")));
        long daemon = Long.parseLong(finish(p).strip());
        assertThat(Marked.awaitProcesses(marker)).containsExactly(daemon);
        assertThat(Files.readString(run.resolve("cgroup.procs")).strip()).isEqualTo(Long.toString(daemon));

        CgroupContainment second = CgroupContainment.open().containment().orElseThrow(); // sweeps
        try {
            assertThat(Marked.processes(marker)).isEmpty();
            assertThat(stale).doesNotExist();
            assertThat(containment.folder())
                    .as("a living JVM's session is left alone")
                    .isDirectory();
        } finally {
            second.close();
        }
        assertThat(second.folder()).doesNotExist();
    }
}
