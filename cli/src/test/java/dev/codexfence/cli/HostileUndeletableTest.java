package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Entries a probe makes hard to delete (fixtures/hostile/undeletable), through the CLI: a chmod 000 folder tree is
 * removed with the rest of the scratch folder; an immutable file (chattr +i, as root) cannot be, and the run says
 * so on stderr and exits non-zero instead of leaving it behind silently.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileUndeletableTest {

    @TempDir
    Path tmp;

    private CliProcess.Result run(String probe, String modes, Path scratch) throws Exception {
        CliProcess p = cli(
                "--rattle",
                "--probe",
                probe,
                "--probes",
                HostileRuns.fixture("undeletable").toString(),
                "--mode",
                modes,
                "--output",
                tmp.resolve("out").toString(),
                "--timeout",
                "60",
                "-c",
                "codex-fence.expectations.enabled=false",
                "-c",
                "codex-fence.scratch.dir=" + scratch);
        HostileRuns.codex().ifPresent(c -> p.args("--codex", c.toString()));
        return p.timeout(Duration.ofSeconds(120)).run();
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aChmod000FolderTreeIsRemovedWithTheScratchFolder() throws Exception {
        Path scratch = CliProcess.scratchRoot("hu");
        var r = run("hx_chmod000", HostileRuns.modes(), scratch);
        for (JsonNode n : HostileRuns.records(r)) {
            assertThat(n.at("/result/observed_result").asString())
                    .as(r.toString())
                    .isEqualTo("success");
        }
        assertThat(HostileRuns.records(r)).isNotEmpty();
        // the tree is debris, so the probe fails for it; removing it is the harness's business and succeeds
        assertThat(r.stderr())
                .as(r.toString())
                .contains("codex-fence: FAILED hx_chmod000 [baseline]: the probe left ")
                .doesNotContain("harness scratch:");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(entries(scratch)).isEmpty();
    }

    @Test
    void anImmutableFileIsReportedLoudlyAndTheRunFails() throws Exception {
        Path scratch = CliProcess.scratchRoot("hi");
        assumeChattrWorksIn(scratch);
        try {
            var r = run("hx_immutable", "baseline", scratch);
            assertThat(HostileRuns.record(r, "hx_immutable", "baseline")
                            .at("/payload/raw/immutable")
                            .asString())
                    .as(r.toString())
                    .isEqualTo("yes");
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.stderr())
                    .containsPattern("codex-fence: FAILED codex-fence: harness scratch: 1 path\\(s\\) could not"
                            + " be removed: " + java.util.regex.Pattern.quote(scratch.toString())
                            + "/[a-z0-9]{6}/[^ ]+/immutable-\\d+ \\(Operation not permitted\\); they are left in the run's scratch"
                            + " folder " + java.util.regex.Pattern.quote(scratch.toString())
                            + "/[a-z0-9]{6} \\(a probe made them"
                            + " undeletable: remove them by hand, e\\.g\\. chattr -i\\)");
            // the NDJSON file was still finished
            assertThat(r.stderr()).contains("codex-fence: 1 record in ");
        } finally {
            unlockAndDelete(scratch);
        }
        assertThat(Files.exists(scratch)).isFalse();
    }

    @Test
    void insideCodexSandboxChattrIsRefused() throws Exception {
        HostileRuns.requireCodex();
        Path scratch = CliProcess.scratchRoot("hc");
        try {
            var r = run("hx_immutable", "codex-sandbox", scratch);
            assertThat(HostileRuns.record(r, "hx_immutable", "codex-sandbox")
                            .at("/payload/raw/immutable")
                            .asString())
                    .as(r.toString())
                    .isEqualTo("no");
            assertThat(r.stderr()).doesNotContain("harness scratch:");
            assertThat(entries(scratch)).isEmpty();
        } finally {
            unlockAndDelete(scratch);
        }
    }

    /** Aborts unless this process can make a file immutable on the scratch root's file system (root, ext4 & co). */
    private static void assumeChattrWorksIn(Path scratch) throws Exception {
        Path f = Files.writeString(scratch.resolve("chattr-check"), "x");
        try {
            CliProcess.Result r = command("chattr", "+i", f.toString());
            assumeTrue(
                    r.exit() == 0,
                    "chattr +i does not work here (needs root and a file system that has the" + " attribute): "
                            + r.stderr().strip());
        } catch (IOException e) {
            assumeTrue(false, "no chattr here: " + e.getMessage());
        } finally {
            command("chattr", "-i", f.toString());
            Files.deleteIfExists(f);
        }
    }

    private static void unlockAndDelete(Path scratch) throws Exception {
        if (Files.exists(scratch)) {
            command("chattr", "-R", "-i", scratch.toString());
            dev.codexfence.engine.internal.run.TreeDeletion.delete(scratch);
        }
    }

    private static CliProcess.Result command(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return new CliProcess.Result(p.exitValue(), out, out, Duration.ZERO);
    }
}
