package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Probes written for the original codex-fence call {@code <tree>/bin/emit-record} (found from {@code $0})
 * instead of {@code $FENCE_BIN/emit-record}; they run unmodified when their tree's bin/ holds our helpers.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliLegacyProbeTest {

    @TempDir
    Path tmp;

    private Path tree(boolean withHelpers) throws Exception {
        Path tree = tmp.resolve(withHelpers ? "with-helpers" : "without-helpers");
        CliProcess.copyTree(CliProcess.fixture("cli-legacy/probes"), tree.resolve("probes"));
        if (withHelpers) {
            Path bin = Files.createDirectories(tree.resolve("bin"));
            Path helpers = CliProcess.repositoryRoot().resolve("probe-runtime/src/main/bash");
            try (var files = Files.list(helpers)) {
                for (Path f : files.toList()) {
                    // copies (following symlinks), not links: independent of where the checkout is
                    Files.copy(f, bin.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    bin.resolve(f.getFileName().toString()).toFile().setExecutable(true);
                }
            }
        }
        return tree;
    }

    @Test
    void aLegacyProbeFindsTheHelpersInItsTreesBin() throws Exception {
        Path tree = tree(true);
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_legacy_emit",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.lines()).singleElement().satisfies(line -> {
            JsonNode n = FenceJson.MAPPER.readTree(line);
            assertThat(RecordAssembler.bundledSchema().validate(n)).isEmpty();
            assertThat(n.at("/probe/id").asString()).isEqualTo("fx_legacy_emit");
            assertThat(n.at("/result/observed_result").asString()).isEqualTo("success");
            assertThat(Path.of(n.at("/payload/raw/repo_root").asString())).isEqualTo(tree.toRealPath());
        });
    }

    @Test
    void withoutTheHelpersTheLegacyProbeBreaksItsContract() throws Exception {
        Path tree = tree(false);
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_legacy_emit",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr()).contains("FAILED fx_legacy_emit [baseline]");
        // the harness still writes one (error) record for the run
        assertThat(r.lines())
                .singleElement()
                .satisfies(line -> assertThat(FenceJson.MAPPER
                                .readTree(line)
                                .at("/result/observed_result")
                                .asString())
                        .isEqualTo("error"));
    }
}
