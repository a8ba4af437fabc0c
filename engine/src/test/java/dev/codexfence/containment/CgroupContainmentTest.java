package dev.codexfence.containment;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Containment by cgroup v2, with real cgroups: only where this JVM may make one (root, or a delegated
 * subtree); elsewhere the tests are aborted with the reason.
 */
class CgroupContainmentTest {

    @TempDir
    Path tmp;

    private CgroupContainment containment;
    private String marker;

    @BeforeEach
    void open() {
        CgroupContainment.Attempt attempt = CgroupContainment.open();
        assumeTrue(attempt.containment().isPresent(), () -> "no cgroup containment here: " + attempt.reason());
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
        return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theSessionCgroupIsNamedAfterThisJvmAndEachRunGetsAChildOfIt() throws Exception {
        assertThat(containment.folder().getFileName().toString())
                .startsWith(CgroupContainment.SESSION_PREFIX + ProcessHandle.current().pid() + "-");
        assertThat(containment.mechanism()).isEqualTo("cgroup v2 " + containment.folder());
        try (RunScope first = containment.beginRun(); RunScope second = containment.beginAhead()) {
            Process a = first.start(launch("cat", "/proc/self/cgroup"));
            Process b = second.start(launch("cat", "/proc/self/cgroup"));
            String session = "/" + containment.folder().getFileName();
            assertThat(finish(a)).contains(session + "/run-");
            String line = finish(b).lines().filter(l -> l.startsWith("0::")).findFirst().orElseThrow();
            assertThat(line).contains(session + "/run-");
            Path folder = containment.folder().resolve(line.substring(line.lastIndexOf('/') + 1));
            assertThat(folder).isDirectory();
            second.close();
            assertThat(folder).doesNotExist();
        }
    }

    @ParameterizedTest(name = "started ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aDoubleForkedDaemonInASessionOfItsOwnWithoutAnyEnvironmentIsFoundAndKilled(boolean ahead) throws Exception {
        try (RunScope scope = ahead ? containment.beginAhead() : containment.beginRun()) {
            Process p = scope.start(launch("bash", "-c", Marked.daemonScript(marker, "env -i")));
            long daemon = Long.parseLong(finish(p).strip());
            assertThat(p.exitValue()).isZero();
            assertThat(Marked.awaitProcesses(marker)).as("the daemon outlived its parent").containsExactly(daemon);
            assertThat(Procfs.stat(daemon).orElseThrow().processGroup()).as("in a group of its own").isEqualTo(daemon);

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
        try (CgroupContainment.CgroupRun scope = containment.beginRun()) {
            Path cgroup = scope.cgroup().folder();
            Files.delete(cgroup); // removed under the run: the wrapper cannot write its pid
            Path witness = tmp.resolve("ran");
            Process p = scope.start(launch("touch", witness.toString()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            byte[] stderr = p.getErrorStream().readAllBytes();

            assertThat(p.exitValue()).isEqualTo(CgroupContainment.ENTRY_FAILED);
            assertThat(witness).doesNotExist();
            assertThatThrownBy(() -> scope.checkEntered(p.exitValue(), stderr)).isInstanceOf(IOException.class)
                    .hasMessage("codex-fence: could not move the run into cgroup " + cgroup);
        }
    }

    @Test
    void aProcessStartedAheadGetsExactlyTheRunsArgumentsEnvironmentDirectoryAndStdin() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a dir\nwith a newline"));
        Map<String, String> env = new java.util.TreeMap<>(Map.of("PATH", System.getenv("PATH"), "A", "x=y z",
                "MULTI", "line 1\nline 2", "EMPTY", ""));
        try (CgroupContainment.CgroupRun scope = containment.beginAhead()) {
            assertThat(scope.startedAhead()).isTrue();
            Process p = scope.start(new Launch(List.of("bash", "-c",
                    "pwd; printf '<%s>' \"$@\"; echo; cat; echo \"stdin $?\"",
                    "arg0", "two words", "a=b", "-i", "new\nline", ""), dir, env));
            assertThat(finish(p)).isEqualTo(dir + "\n<two words><a=b><-i><new\nline><>\nstdin 0\n");
            assertThat(p.exitValue()).isZero();
        }
        try (CgroupContainment.CgroupRun scope = containment.beginAhead()) {
            Process p = scope.start(new Launch(List.of("env", "-0"), dir, env)); // not a shell: nothing added
            assertThat(finish(p).split("\0")).containsExactlyInAnyOrder("A=x=y z", "EMPTY=", "MULTI=line 1\nline 2",
                    "PATH=" + System.getenv("PATH"));
        }
    }

    /**
     * A launcher starts with the previous run's environment and turns it into its own run's (unset, export); where
     * the shell cannot (a name that is no identifier, IFS/OPTIND/PPID, which dash resets), it execs env -i.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"identifiers only", "a name that is no identifier", "a variable the shell manages"})
    void aProcessStartedAheadGetsExactlyTheEnvironmentOfItsRunWhateverTheRunBeforeHad(String kind) throws Exception {
        String path = System.getenv("PATH");
        Map<String, String> before = new java.util.HashMap<>(Map.of("PATH", path, "GONE", "x", "SAME", "s",
                "CHANGED", "old", "PWD", "/nowhere", "OLDPWD", "/old"));
        Map<String, String> after = new java.util.HashMap<>(Map.of("PATH", path, "SAME", "s", "CHANGED", "new 'quoted'\n$x",
                "NEW", "", "PWD", "/stale/pwd"));
        switch (kind) {
            case "a name that is no identifier" -> after.put("a-b.c", "odd");
            case "a variable the shell manages" -> {
                before.put("OPTIND", "3");
                after.put("IFS", ":");
            }
            default -> { }
        }
        try (RunScope first = containment.beginRun()) {
            finish(first.start(new Launch(List.of("true"), tmp, before))); // the guess for the next launcher
        }
        try (CgroupContainment.CgroupRun scope = containment.beginAhead()) {
            Process p = scope.start(new Launch(List.of("/usr/bin/env", "-0"), tmp, after));
            List<String> seen = List.of(finish(p).split("\0"));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(after.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
    }

    @Test
    void aProcessStartedAheadThatCannotEnterTheRunsDirectoryNeverStartsAndSaysSo() throws Exception {
        try (CgroupContainment.CgroupRun scope = containment.beginAhead()) {
            Path witness = tmp.resolve("ran");
            Path missing = tmp.resolve("missing");
            Process p = scope.start(new Launch(List.of("touch", witness.toString()), missing, Map.of()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            byte[] stderr = p.getErrorStream().readAllBytes();
            assertThat(p.exitValue()).isEqualTo(CgroupContainment.ENTRY_FAILED);
            assertThat(witness).doesNotExist();
            assertThatThrownBy(() -> scope.checkEntered(p.exitValue(), stderr)).isInstanceOf(IOException.class)
                    .hasMessage("codex-fence: could not start the run: cannot enter " + missing);
        }
    }

    @Test
    void runsAfterTheFirstTakeTheProcessStartedAheadForThem() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean ahead = false;
        while (!ahead && System.nanoTime() < deadline) {
            try (RunScope scope = containment.begin()) {
                ahead = ((CgroupContainment.CgroupRun) scope).startedAhead();
                // each run that starts asks for a launcher for the next one, in the background
                assertThat(finish(scope.start(launch("true")))).isEmpty();
            }
            Thread.sleep(ahead ? 0 : 50);
        }
        assertThat(ahead).isTrue();
        Path session = containment.folder();
        containment.close(); // the launcher started for the run after this one is stopped, its cgroup removed
        containment = null;
        assertThat(session).doesNotExist();
    }

    /**
     * Another process of the same user can open a waiting launcher's stdin (/proc/PID/fd/0) and write a command
     * of its own: the launcher refuses whatever does not begin with the secret the harness gave it.
     */
    @Test
    void aLauncherRunsNoCommandThatDidNotComeFromTheHarness() throws Exception {
        try (CgroupContainment.CgroupRun scope = containment.beginAhead()) {
            Path forged = tmp.resolve("forged");
            Path honest = tmp.resolve("honest");
            try (var in = Files.newOutputStream(Path.of("/proc/" + scope.launcherPid() + "/fd/0"))) {
                in.write(("0123456789abcdef0123456789abcdef\n1\nexec touch " + forged + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Process p = scope.start(launch("touch", honest.toString()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            byte[] stderr = p.getErrorStream().readAllBytes();
            assertThat(p.exitValue()).isEqualTo(CgroupContainment.ENTRY_FAILED);
            assertThat(forged).doesNotExist();
            assertThat(honest).doesNotExist();
            assertThatThrownBy(() -> scope.checkEntered(p.exitValue(), stderr)).isInstanceOf(IOException.class)
                    .hasMessage(StandbyLauncher.FORGED_MESSAGE);
        }
    }

    /** A launcher waits only while no run of the session is active: no probe process exists to reach it. */
    @Test
    void noLauncherWaitsWhileARunIsActiveAndOneIsStartedWhenTheLastRunEnds() throws Exception {
        RunScope run = containment.begin(); // takes (or discards) the launcher started at open
        Thread.sleep(300); // time enough for a launcher to be started, were one started now
        assertThat(runFolders()).as("only the active run's cgroup").hasSize(1);
        assertThat(containment.launcherReady()).isFalse();
        run.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!containment.launcherReady() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(runFolders()).as("a launcher for the next run, in a cgroup of its own").hasSize(1);
        try (RunScope next = containment.begin()) {
            assertThat(((CgroupContainment.CgroupRun) next).startedAhead()).isTrue();
        }
    }

    private List<Path> runFolders() throws IOException {
        try (var children = Files.list(containment.folder())) {
            return children.filter(d -> d.getFileName().toString().startsWith("run-")).toList();
        }
    }

    @Test
    void aProbeThatExitsWithTheWrappersStatusButAnotherMessageIsNotMistakenForIt() throws Exception {
        try (RunScope scope = containment.begin()) {
            scope.checkEntered(CgroupContainment.ENTRY_FAILED, "some probe's own error\n".getBytes(StandardCharsets.UTF_8));
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
        Process p = start(List.of("/bin/sh", "-c", CgroupContainment.WRAPPER, run.resolve("cgroup.procs").toString(),
                "bash", "-c", Marked.daemonScript(marker, "")));
        long daemon = Long.parseLong(finish(p).strip());
        assertThat(Marked.awaitProcesses(marker)).containsExactly(daemon);
        assertThat(Files.readString(run.resolve("cgroup.procs")).strip()).isEqualTo(Long.toString(daemon));

        CgroupContainment second = CgroupContainment.open().containment().orElseThrow();
        try {
            assertThat(Marked.processes(marker)).isEmpty();
            assertThat(stale).doesNotExist();
            assertThat(containment.folder()).as("a living JVM's session is left alone").isDirectory();
        } finally {
            second.close();
        }
        assertThat(second.folder()).doesNotExist();
    }
}
