package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.run.CodexLocator;
import dev.codexfence.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** One real codex-sandbox run, only where bin/install-codex has put a codex CLI into .tools/codex (CI must have it). */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliCodexTest {

    /** Without the project-local codex the test is skipped with the reason (fails where CI=true). */
    @RegisterExtension
    static final RequiredTool CODEX = RequiredTool.find(
            "codex",
            "no project-local codex CLI; run bin/install-codex",
            () -> Optional.of(CliProcess.repositoryRoot().resolve(CodexLocator.PROJECT_LOCAL))
                    .filter(Files::isExecutable));

    @TempDir
    Path out;

    @Test
    void rattleRunsAProbeUnderTheCodexSandbox() throws Exception {
        Path codex = CODEX.path();
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fx_read_ws",
                        "--mode",
                        "codex-sandbox",
                        "--codex",
                        codex.toString(),
                        "--timeout",
                        "60",
                        "--probes",
                        CliProcess.fixture("healthy").toString(),
                        "--output",
                        out.toString())
                .run();
        if (r.lines().isEmpty()) {
            // a host where codex cannot sandbox: the mode is skipped with its reason, never a silent pass
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains("skipped 1 run: ");
            return;
        }
        assertThat(r.lines()).singleElement().satisfies(line -> {
            JsonNode n = FenceJson.MAPPER.readTree(line);
            assertThat(RecordAssembler.bundledSchema().validate(n)).isEmpty();
            assertThat(n.at("/run/mode").asString()).isEqualTo("codex-sandbox");
            assertThat(n.at("/stack/codex_cli_version").isString()).isTrue();
        });
    }
}
