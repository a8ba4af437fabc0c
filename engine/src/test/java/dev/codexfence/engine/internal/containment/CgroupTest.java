package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One cgroup's operations on a real run cgroup, domain and threaded (where this JVM may make one). */
@ParameterizedClass
@EnumSource(CgroupContainment.Placement.class)
class CgroupTest {

    @Parameter
    CgroupContainment.Placement placement;

    @TempDir
    Path tmp;

    private CgroupContainment containment;
    private RunScope run;
    private Cgroup cgroup;
    private String marker;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(Procfs.available(), "no Linux /proc");
        CgroupContainment.Attempt attempt = CgroupContainment.openUnder(CgroupContainment.ownCgroup(), placement);
        assumeTrue(
                attempt.containment().isPresent(),
                () -> "no " + placement + " cgroup containment here: " + attempt.reason());
        containment = attempt.containment().get();
        run = containment.begin();
        cgroup = ((CgroupContainment.CgroupRun) run).cgroup();
        marker = "cgroup_kill_sleeper " + tmp;
    }

    @AfterEach
    void close() {
        if (containment != null) {
            containment.close();
        }
        Marked.killAll(marker);
    }

    /** Three daemons in sessions of their own inside {@code cgroup}, one of them forking new ones all the time. */
    private List<Long> populate() throws Exception {
        String forker =
                "( setsid bash -c 'exec </dev/null >/dev/null 2>&1; while :; do (exec -a \"$0\" sleep 300) & sleep 0.01; done'"
                        + " '" + marker + "' & )";
        Process p = run.start(new Launch(
                List.of(
                        "bash",
                        "-c",
                        Marked.daemonScript(marker, "") + "; " + Marked.daemonScript(marker, "env -i") + "; " + forker),
                null,
                java.util.Map.of("PATH", System.getenv("PATH"))));
        String pids = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pids.lines()).hasSize(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Marked.processes(marker).size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Marked.processes(marker)).hasSizeGreaterThanOrEqualTo(4);
        return cgroup.members();
    }

    @Test
    void cgroupKillEmptiesItEvenWhileAMemberForks() throws Exception {
        assumeTrue(Files.exists(cgroup.folder().resolve("cgroup.kill")), "cgroup.kill needs Linux 5.14");
        if (cgroup.threaded()) {
            // the kernel refuses it on threaded cgroups: killAll must not rely on it there
            assertThatThrownBy(() -> Files.write(
                            cgroup.folder().resolve("cgroup.kill"),
                            "1".getBytes(),
                            java.nio.file.StandardOpenOption.WRITE))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("Operation not supported");
            return;
        }
        assertThat(populate()).isNotEmpty();
        assertThat(cgroup.populated()).isTrue();
        assertThat(cgroup.killAll(Duration.ofSeconds(30), true)).isTrue();
        assertThat(cgroup.populated()).isFalse();
        assertThat(Marked.processes(marker)).isEmpty();
        assertThat(cgroup.remove()).isTrue();
    }

    @Test
    void withoutCgroupKillFreezingAndKillingEachMemberEmptiesItToo() throws Exception {
        assumeTrue(Files.exists(cgroup.folder().resolve("cgroup.freeze")), "cgroup.freeze needs Linux 5.2");
        assertThat(populate()).isNotEmpty();
        assertThat(cgroup.killAll(Duration.ofSeconds(30), false)).isTrue();
        assertThat(cgroup.populated()).isFalse();
        assertThat(Marked.processes(marker)).isEmpty();
        assertThat(cgroup.remove()).isTrue();
    }

    @Test
    void theDefaultKillEmptiesItEvenWhileAMemberForks() throws Exception {
        assertThat(populate()).isNotEmpty();
        assertThat(cgroup.killAll(Duration.ofSeconds(30))).isTrue();
        assertThat(Marked.processes(marker)).isEmpty();
        assertThat(cgroup.remove()).isTrue();
    }

    @Test
    void removingTakesTheChildCgroupsWithItAndRefusesAPopulatedOne() throws Exception {
        Cgroup child = cgroup.create("child");
        if (cgroup.threaded()) {
            child.makeThreaded();
        }
        Cgroup grandchild = child.create("grandchild");
        if (cgroup.threaded()) {
            grandchild.makeThreaded();
        }
        assertThat(populate()).isNotEmpty();
        assertThat(cgroup.remove()).as("populated: the kernel refuses").isFalse();
        assertThat(child.folder()).as("empty children are removed").doesNotExist();
        cgroup.killAll(Duration.ofSeconds(30));
        assertThat(cgroup.remove()).isTrue();
        assertThat(cgroup.folder()).doesNotExist();
    }
}
