package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two probe runs side by side (--parallel 2, baseline, fixtures/hostile/parallel): one replaces emit-record while
 * the other is running and then reports through the forged helper. The harness cannot tell which of the two made
 * the change, so both fail with "harness integrity" naming both, and neither forged record passes as the probe's.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileParallelTest {

    @TempDir
    Path tmp;

    @Test
    void everyRunThatOverlappedTheChangeFailsAndNoForgedRecordPasses() throws Exception {
        Path sync = Files.createDirectory(tmp.resolve("sync"));
        var r = cli(
                        "--bang",
                        "--probes",
                        HostileRuns.fixture("parallel").toString(),
                        "--mode",
                        "baseline",
                        "--parallel",
                        "2",
                        "--output",
                        tmp.resolve("out").toString(),
                        "--timeout",
                        "60",
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.expectations.enabled=false",
                        "-c",
                        "codex-fence.scratch.dir=" + CliProcess.scratchRoot("hp"),
                        "-c",
                        "codex-fence.probe.env.HX_SYNC=" + sync)
                .timeout(Duration.ofSeconds(120))
                .run();
        assertThat(sync.resolve("slow-running")).as(r.toString()).exists();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        String both = "made by one of the probe runs (hx_p_forge \\[baseline\\], hx_p_slow \\[baseline\\]|hx_p_slow"
                + " \\[baseline\\], hx_p_forge \\[baseline\\]) \\(they ran at the same time\\)";
        for (String probe : new String[] {"hx_p_forge", "hx_p_slow"}) {
            assertThat(r.stderr())
                    .containsPattern("codex-fence: FAILED " + probe + " \\[baseline\\]: harness integrity: the"
                            + " helpers in FENCE_BIN \\(.*\\) were changed: .*emit-record \\(.*; restored from the harness's in-memory"
                            + " copy; " + both);
            JsonNode record = HostileRuns.record(r, probe, "baseline");
            assertThat(record.at("/payload/raw/harness_error").asString()).isEqualTo("harness_integrity");
        }
        assertThat(HostileRuns.records(r)).hasSize(2).allSatisfy(n -> {
            assertThat(n.at("/result/observed_result").asString()).isEqualTo("error");
            assertThat(n.at("/result/message").asString())
                    .startsWith("harness integrity: ")
                    .doesNotContain("forged");
        });
    }
}
