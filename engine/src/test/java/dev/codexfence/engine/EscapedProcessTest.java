package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.containment.Cgroup2Mount;
import dev.codexfence.engine.internal.containment.CgroupContainment;
import dev.codexfence.engine.internal.containment.Procfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.JsonNode;

/**
 * The escape fixtures (src/test/fixtures/hostile/escape) through the engine, baseline: a daemon that left the
 * probe's process group and session is reported and killed, a dead grandchild is not mistaken for a running one,
 * and the run's cgroups (where this host allows them) are gone after the run.
 */
class EscapedProcessTest {

    static final String LEFT = "a process the probe started was still running after it exited; the harness killed it";

    @TempDir
    static Path out;

    @TempDir
    static Path mark;

    private static EngineExecutionResults results;
    private static Map<String, JsonNode> records;

    @BeforeAll
    static void runTheEscapeFixtures() {
        assumeTrue(Procfs.available(), "the escape fixtures are Linux-only (/proc, setsid)");
        Path tree = Fixtures.tree("hostile/escape");
        results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.PROBE_ENV_PREFIX + "HX_ESCAPE_MARK",
                                mark.toString(),
                                Constants.MISSING_COVERAGE,
                                "skip"),
                        selectFile(tree.resolve("hx_escape_daemon.sh").toFile()),
                        selectFile(tree.resolve("hx_escape_zombie.sh").toFile()),
                        selectFile(tree.resolve("hx_escape_cgroup.sh").toFile()))
                .execute();
        records = Fixtures.recordsByTest(results);
    }

    private static List<ProcessHandle> daemons() {
        // argv[0] carries the daemon's name (exec -a): the JDK's commandLine() would not show it
        return dev.codexfence.testing.LiveProcesses.handles(c -> c.contains("hx_escape_sleeper " + mark));
    }

    @Test
    void theDaemonThatLeftTheProbesSessionIsReportedAndKilled() {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                Fixtures.node("probe", "hx_escape_daemon"),
                                finishedWithFailure(message(m -> m.contains(LEFT)))));
        JsonNode r = records.get("hx_escape_daemon [baseline]");
        assertThat(r.at("/result/observed_result").asString()).isEqualTo("success");
        assertThat(r.at("/payload/raw/daemon_pid").asString())
                .as("the daemon was started")
                .matches("[0-9]+");
        assertThat(daemons()).isEmpty();
    }

    @Test
    void aDeadGrandchildIsNotReportedAsStillRunning() {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), Fixtures.node("probe", "hx_escape_zombie"), finishedSuccessfully()));
    }

    @Test
    void theRunsCgroupsAreGoneAfterTheRunAndOtherwiseProbesSeeTheirOwnCgroup() throws IOException {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), Fixtures.node("probe", "hx_escape_cgroup"), finishedSuccessfully()));
        String seen = records.get("hx_escape_cgroup [baseline]")
                .at("/payload/raw/cgroup")
                .asString();
        List<Cgroup2Mount> mounts = Cgroup2Mount.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        String own = Cgroup2Mount.ownPath(Files.readString(Path.of("/proc/self/cgroup")))
                .orElse("");
        CgroupContainment.Attempt here = CgroupContainment.open();
        here.containment().ifPresent(CgroupContainment::close);
        if (here.containment().isEmpty()) {
            // no cgroup for runs on this host: the probe ran where the JVM runs, as before
            assertThat(seen).as("no cgroup here: %s", here.reason()).isEqualTo(own);
            return;
        }
        String session = (own.equals("/") ? "" : own) + "/" + CgroupContainment.SESSION_PREFIX
                + ProcessHandle.current().pid() + "-";
        assertThat(seen).startsWith(session).matches(".*/run-[0-9]+");
        Path run = Path.of(Cgroup2Mount.folderOf(mounts, seen).orElseThrow());
        assertThat(run).doesNotExist();
        assertThat(run.getParent()).as("the session's cgroup").doesNotExist();
        assertThat(run.getParent().getParent()).isDirectory();
    }
}
