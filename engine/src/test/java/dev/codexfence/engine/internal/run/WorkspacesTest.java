package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces come from memory: a ready copy someone changed is never handed out, and debris cannot hide. */
class WorkspacesTest {

    @TempDir
    Path tmp;

    private IntegrityWatch watch;
    private Workspaces workspaces;

    @BeforeEach
    void create() throws IOException {
        watch = new IntegrityWatch();
        workspaces = Workspaces.create(tmp, RunSession.findOnPath(System.getenv("PATH"), "git"), watch);
    }

    @AfterEach
    void close() {
        workspaces.close();
    }

    private Path readyCopy() throws Exception {
        for (int i = 0; i < 500; i++) {
            List<Path> ready = workspaces.readyCopies();
            if (!ready.isEmpty()) {
                return ready.get(0);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no ready copy appeared in " + tmp);
    }

    @Test
    void noTemplateStaysOnDiskAndWorkspacesHaveShortNames() throws Exception {
        Path ws = workspaces.fresh("p", "baseline");
        assertThat(ws.getParent()).isEqualTo(tmp);
        assertThat(ws.getFileName().toString()).matches("[0-9a-z]{1,2}");
        assertThat(ws.resolve("README.md")).hasContent("codex-fence scratch workspace");
        assertThat(ws.resolve("src/hello.txt")).hasContent("hello from the workspace");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("template"));
        }
        assertThat(workspaces.leftovers(ws)).isEmpty();
        workspaces.discard(ws);
    }

    @Test
    void aReadyCopyChangedDuringARunIsFoundAtItsEndBlamedOnItAndNeverHandedOut() throws Exception {
        Path ready = readyCopy();
        IntegrityWatch.Ticket run = watch.begin("planter [baseline]");
        Files.writeString(ready.resolve("planted"), "x");
        Files.writeString(ready.resolve("README.md"), "changed");
        List<String> incidents = watch.end(run);
        assertThat(incidents)
                .singleElement()
                .asString()
                .isEqualTo("harness integrity: a ready workspace " + ready
                        + " was changed (added planted; changed README.md); thrown away and a fresh one made; made by the probe run"
                        + " planter [baseline]");
        Path next = workspaces.fresh("next", "baseline");
        assertThat(workspaces.leftovers(next)).isEmpty();
        assertThat(next.resolve("README.md")).hasContent("codex-fence scratch workspace");
    }

    @Test
    void aReadyCopyChangedWhileNoProbeRanIsCaughtWhenHandedOut() throws Exception {
        watch.end(watch.begin("earlier [baseline]"));
        Path ready = readyCopy();
        Files.writeString(ready.resolve("src/hello.txt"), "planted by a process left behind\n");
        Path ws = workspaces.fresh("next", "baseline");
        assertThat(ws.resolve("src/hello.txt")).hasContent("hello from the workspace");
        assertThat(watch.unattributed())
                .singleElement()
                .asString()
                .startsWith("harness integrity: a ready workspace " + ready
                        + " was changed (changed src/hello.txt); thrown away and a fresh one made; ");
        workspaces.discard(ws);
    }

    @Test
    void leftoversAreJudgedAgainstTheInMemoryManifest() throws Exception {
        Path ws = workspaces.fresh("p", "baseline");
        Files.writeString(ws.resolve("debris.txt"), "x");
        Files.createDirectories(ws.resolve("src/more"));
        Files.createDirectories(ws.resolve(".codex")); // codex's empty mount point: not the probe's
        assertThat(workspaces.leftovers(ws)).containsExactly("debris.txt", "src/more");
        workspaces.discard(ws);
    }

    @Test
    void slotsAreReusedOnceTheWorkspaceIsThrownAway() throws Exception {
        Set<String> names = new java.util.TreeSet<>();
        for (int i = 0; i < 50; i++) {
            Path ws = workspaces.fresh("p", "baseline");
            names.add(ws.getFileName().toString());
            workspaces.discard(ws);
        }
        assertThat(names).allMatch(n -> n.length() == 1);
    }
}
