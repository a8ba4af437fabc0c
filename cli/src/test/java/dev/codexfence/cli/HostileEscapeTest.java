package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static dev.codexfence.cli.CliProcess.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.containment.Cgroup2Mount;
import dev.codexfence.engine.internal.containment.Procfs;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Escaped processes (issue 13, item 11) through the CLI as a separate JVM, with the fixtures of
 * src/test/fixtures/hostile/escape: a probe double-forks a daemon in a session of its own
 * ({@code hx_escape_daemon}); a probe leaves a dead grandchild ({@code hx_escape_zombie}); a clean probe reports
 * the cgroup it ran in ({@code hx_escape_cgroup}). Each daemon is named after this test's temp folder, so only
 * this test's daemons are looked for.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileEscapeTest {

    static final String LEFT = "a process the probe started was still running after it exited; the harness killed it";
    private static final List<String> PROBES = List.of("--probe", "hx_escape_daemon", "--probe", "hx_escape_cgroup");

    @TempDir
    Path tmp;

    private String mark;

    @BeforeEach
    void linux() {
        assumeTrue(Procfs.available(), "the escape fixtures are Linux-only (/proc, setsid)");
        mark = tmp.resolve("mark").toString();
    }

    private CliProcess rattle(String modes, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--rattle",
                "--probes",
                fixture("hostile/escape").toString(),
                "--mode",
                modes,
                "--output",
                tmp.resolve("out").toString(),
                "--timeout",
                "60",
                "-c",
                "codex-fence.probe.env.HX_ESCAPE_MARK=" + mark,
                "-c",
                "codex-fence.coverage.missing=skip"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static Map<String, JsonNode> records(CliProcess.Result r) {
        List<JsonNode> all = r.lines().stream().map(FenceJson.MAPPER::readTree).toList();
        assertThat(all)
                .as(r.toString())
                .allSatisfy(n ->
                        assertThat(RecordAssembler.bundledSchema().validate(n)).isEmpty());
        return all.stream()
                .collect(Collectors.toMap(
                        n -> n.at("/probe/id").asString() + " ["
                                + n.at("/run/mode").asString() + "]",
                        Function.identity()));
    }

    /** This test's daemons that still run (zombies do not: they are dead, only not reaped yet). */
    private List<String> daemons() {
        List<String> alive = new ArrayList<>();
        for (long pid : Procfs.pids()) {
            try {
                String cmd = new String(
                                Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                if (cmd.contains("hx_escape_sleeper " + mark) && Procfs.running(pid)) {
                    alive.add(pid + " " + cmd);
                }
            } catch (IOException e) {
                // gone
            }
        }
        return alive;
    }

    /** The cgroup a clean probe reported is gone after the CLI exited (when the run had one of its own). */
    private static void theRunsCgroupIsGone(JsonNode control) throws IOException {
        String seen = control.at("/payload/raw/cgroup").asString();
        String own = Cgroup2Mount.ownPath(Files.readString(Path.of("/proc/self/cgroup")))
                .orElse("");
        if (seen.equals(own)) {
            return; // no cgroup for runs on this host (the run scanned /proc instead): probes saw no change
        }
        assertThat(seen).matches(".*/codex-fence-[0-9]+-[0-9a-f]+/run-[0-9]+");
        Path run = Path.of(
                Cgroup2Mount.folderOf(Cgroup2Mount.parse(Files.readString(Path.of("/proc/self/mountinfo"))), seen)
                        .orElseThrow());
        assertThat(run).doesNotExist();
        assertThat(run.getParent()).as("the session's cgroup").doesNotExist();
    }

    @Test
    void baselineReportsAndKillsTheDaemonThatLeftTheProbesSession() throws Exception {
        CliProcess.Result r = rattle("baseline", PROBES.toArray(String[]::new)).run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr())
                .contains("codex-fence: FAILED hx_escape_daemon [baseline]: " + LEFT)
                .doesNotContain("FAILED hx_escape_cgroup");
        Map<String, JsonNode> records = records(r);
        assertThat(records).containsOnlyKeys("hx_escape_daemon [baseline]", "hx_escape_cgroup [baseline]");
        assertThat(records.get("hx_escape_daemon [baseline]")
                        .at("/payload/raw/daemon_pid")
                        .asString())
                .as("the daemon was started")
                .matches("[0-9]+");
        assertThat(daemons()).as("no daemon outlives the CLI").isEmpty();
        theRunsCgroupIsGone(records.get("hx_escape_cgroup [baseline]"));
    }

    @Test
    void inCodexSandboxThePidNamespaceTakesTheDaemonDownWithItWhileCodexFullReportsIt() throws Exception {
        Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
        if (!Files.isExecutable(codex) && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install the codex CLI (bin/install-codex)");
        }
        assumeTrue(Files.isExecutable(codex), "no project-local codex CLI (bin/install-codex)");
        List<String> more = new ArrayList<>(PROBES);
        more.addAll(List.of("--codex", codex.toString()));
        CliProcess.Result r =
                rattle("codex-sandbox,codex-full", more.toArray(String[]::new)).run();
        Map<String, JsonNode> records = records(r);
        if (!records.containsKey("hx_escape_daemon [codex-sandbox]")) {
            // a host where codex cannot sandbox: the mode is skipped with its reason, never a silent pass
            assertThat(r.stderr()).as(r.toString()).contains("skipped");
            return;
        }

        // codex-sandbox: the daemon lived in the sandbox's PID namespace, which the kernel empties when its init
        // (codex's helper) exits, before codex returns: nothing is left to report, and nothing survives
        JsonNode sandboxed = records.get("hx_escape_daemon [codex-sandbox]");
        assertThat(sandboxed.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(sandboxed.at("/payload/raw/daemon_pid").asString())
                .as("the daemon was started")
                .matches("[0-9]+");
        assertThat(r.stderr())
                .as(r.toString())
                .doesNotContain("FAILED hx_escape_daemon [codex-sandbox]")
                .doesNotContain("FAILED hx_escape_cgroup");
        // codex-full: no namespace, the daemon outlives codex as in baseline, and is reported and killed
        assertThat(r.stderr()).contains("codex-fence: FAILED hx_escape_daemon [codex-full]: " + LEFT);
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(daemons()).as("no daemon outlives the CLI").isEmpty();
        theRunsCgroupIsGone(records.get("hx_escape_cgroup [codex-sandbox]"));
    }

    @Test
    void sigtermStopsTheRunKillsTheDaemonAndRemovesTheSessionsCgroup() throws Exception {
        Path stdoutFile = tmp.resolve("stdout.ndjson");
        Path stderrFile = tmp.resolve("stderr.txt");
        // files, not pipes: Process.destroy() also closes the parent's ends of the child's pipes
        Process p = rattle("baseline", "--probe", "hx_escape_daemon_hang")
                .builder()
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        p.getOutputStream().close();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (daemons().isEmpty()) {
                assertThat(p.isAlive())
                        .as("the CLI ended before the daemon started:\n%s", Files.readString(stderrFile))
                        .isTrue();
                assertThat(System.nanoTime()).as("the daemon never started").isLessThan(deadline);
                Thread.sleep(50);
            }
            List<Path> sessions = sessionCgroupsOf(p.pid());
            var here = dev.codexfence.engine.internal.containment.CgroupContainment.open();
            here.containment().ifPresent(dev.codexfence.engine.internal.containment.CgroupContainment::close);
            assertThat(sessions)
                    .as("runs get a cgroup here (%s)", here.reason())
                    .hasSize(here.containment().isPresent() ? 1 : 0);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the CLI stops").isTrue();
            String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(daemons()).as("no daemon outlives the CLI").isEmpty();
            assertThat(sessions)
                    .as("the session's cgroup, where this host gives runs one")
                    .allSatisfy(s -> assertThat(s).doesNotExist());
            assertThat(sessionCgroupsOf(p.pid())).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    /** The session cgroups the CLI with pid {@code pid} made under the cgroup it shares with this JVM. */
    private static List<Path> sessionCgroupsOf(long pid) throws IOException {
        String own = Cgroup2Mount.ownPath(Files.readString(Path.of("/proc/self/cgroup")))
                .orElse(null);
        var folder = own == null
                ? java.util.Optional.<String>empty()
                : Cgroup2Mount.folderOf(Cgroup2Mount.parse(Files.readString(Path.of("/proc/self/mountinfo"))), own);
        if (folder.isEmpty()) {
            return List.of();
        }
        try (var dirs = Files.list(Path.of(folder.get()))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("codex-fence-" + pid + "-"))
                    .toList();
        }
    }

    /**
     * Where nothing reaps orphans promptly (a container whose init reaps late or never, PID 1 of this VM takes
     * about a second), a probe's dead grandchild stays a zombie after the probe exited. It runs nothing: the run
     * passes. Before, the harness asked ProcessHandle.isAlive(), which is true for a zombie, and failed the run
     * "still running" (codex 0.120.0's orphaned sandbox helpers hit this in every codex mode). The CLI runs under
     * a child subreaper that reaps only the CLI, so the zombie is held for certain.
     */
    @Test
    void aDeadGrandchildThatNobodyReapsIsNotAProcessLeftBehind() throws Exception {
        assumeTrue(pythonWorks(), "python3 (with ctypes) is needed for the subreaper");
        ProcessBuilder pb = rattle("baseline", "--probe", "hx_escape_zombie").builder();
        pb.command().addAll(0, List.of("python3", "-c", NON_REAPING_SUBREAPER));
        Process p = pb.start();
        CliProcess.Drain out = new CliProcess.Drain(p.getInputStream());
        CliProcess.Drain err = new CliProcess.Drain(p.getErrorStream());
        out.start();
        err.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        out.join();
        err.join();
        String stderr = err.text();

        assertThat(stderr)
                .as("the zombie was really held until the CLI exited")
                .containsPattern("subreaper: reaped [1-9][0-9]* orphan");
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr).doesNotContain("FAILED");
        assertThat(out.text()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .map(FenceJson.MAPPER::readTree)
                        .map(n -> n.at("/result/observed_result").asString()))
                .containsExactly("success");
    }

    /**
     * Runs its arguments as a child, being a child subreaper (prctl PR_SET_CHILD_SUBREAPER) that waits for that
     * child only; orphans reparented to it stay zombies until the child exited, then it reaps and counts them.
     */
    private static final String NON_REAPING_SUBREAPER = String.join(
            "\n",
            "import ctypes, os, sys",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "if libc.prctl(36, 1, 0, 0, 0) != 0:",
            "    sys.exit('subreaper: prctl failed')",
            "pid = os.fork()",
            "if pid == 0:",
            "    os.execvp(sys.argv[1], sys.argv[1:])",
            "_, status = os.waitpid(pid, 0)",
            "n = 0",
            "while True:",
            "    try:",
            "        p, _ = os.waitpid(-1, os.WNOHANG)",
            "    except ChildProcessError:",
            "        break",
            "    if p == 0:",
            "        break",
            "    n += 1",
            "sys.stderr.write('subreaper: reaped %d orphan(s)\\n' % n)",
            "sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))");

    private static boolean pythonWorks() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import ctypes")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
