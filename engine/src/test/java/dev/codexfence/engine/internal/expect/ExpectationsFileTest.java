package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cfexp-v1 format: the layout the writer produces, the schema, and the reader's messages. */
class ExpectationsFileTest {

    private static final String CAP = "cap_fs_write_user_home";
    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static Expectations sample() {
        List<BoundaryObject> records = List.of(
                TestRecords.record("fs_write_home_scratch", CAP, "codex-full", "success", null, "ok"),
                TestRecords.record("fs_write_home_scratch", CAP, "baseline", "success", null, "ok"),
                TestRecords.record("fs_write_home_scratch", CAP, "codex-sandbox", "denied", "EROFS", "no"),
                TestRecords.record("a_probe", CAP, "baseline", "error", "ENOENT", "no tool"));
        return ExpectationsRecorder.record(records).files().get(0);
    }

    @Test
    void writesOneLinePerProbeSortedWithModesInEngineOrder() {
        String text = ExpectationsFormat.format(sample());
        assertThat(text.lines().toList())
                .containsExactly(
                        "{\"schema_version\":\"cfexp-v1\",",
                        " \"stack\":{\"platform\":\"linux\",\"codex_cli_version\":\"0.169.0\",\"sandbox_interface\":\"sandbox-profile\"},",
                        " \"probes\":{",
                        "  \"a_probe\":{\"baseline\":\"error ENOENT\"},",
                        "  \"fs_write_home_scratch\":{\"baseline\":\"success\",\"codex-sandbox\":\"denied EROFS\",\"codex-full\":\"success\"}",
                        " }}");
    }

    @Test
    void whatTheWriterProducesIsValidAndReadsBackTheSame() {
        Expectations e = sample();
        String text = ExpectationsFormat.format(e);
        assertThat(ExpectationsReader.bundledSchema().validate(FenceJson.MAPPER.readTree(text)))
                .isEmpty();
        Expectations back = new ExpectationsReader().parse("x.json", text);
        assertThat(back.withSource(e.source())).isEqualTo(e);
        assertThat(back.probes()).isEqualTo(e.probes());
        assertThat(back.find("fs_write_home_scratch", "codex-sandbox")).contains(ExpectedOutcome.parse("denied EROFS"));
        assertThat(back.find("fs_write_home_scratch", "codex-read-only")).isEmpty();
    }

    @Test
    void anEmptyProbeListIsStillAValidFile() {
        Expectations empty = new Expectations("x", "macos", new Release(null), null, java.util.Map.of());
        String text = ExpectationsFormat.format(empty);
        assertThat(new ExpectationsReader().parse("x.json", text).probes()).isEmpty();
    }

    @Test
    void badFilesAreRefusedNamingFileLineAndProblem() throws IOException {
        String header =
                "{\"schema_version\":\"cfexp-v1\",\n \"stack\":{\"platform\":\"linux\",\"codex_cli_version\":\"0.169.0\",\"sandbox_interface\":null},\n \"probes\":{\n";
        Path lower = dir.resolve("lower.json");
        Files.writeString(lower, header + "  \"p\":{\"baseline\":\"denied erofs\"}\n }}\n");
        assertThatThrownBy(() -> new ExpectationsReader().read(lower))
                .isInstanceOf(ExpectationsException.class)
                .hasMessageContaining(lower.toString())
                .hasMessageContaining("/probes/p/baseline (line 4)");

        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, header + "  \"p\":{\"baseline\":\"success\"}\n },\n \"prbes\":{}}\n");
        assertThatThrownBy(() -> new ExpectationsReader().read(typo)).hasMessageContaining("prbes");

        Path dup = dir.resolve("dup.json");
        Files.writeString(
                dup, header + "  \"p\":{\"baseline\":\"success\"},\n  \"p\":{\"baseline\":\"denied\"}\n }}\n");
        assertThatThrownBy(() -> new ExpectationsReader().read(dup))
                .hasMessageContaining("(line 5)")
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("Duplicate");

        Path mode = dir.resolve("mode.json");
        Files.writeString(mode, header + "  \"p\":{\"Baseline\":\"success\"}\n }}\n");
        assertThatThrownBy(() -> new ExpectationsReader().read(mode)).hasMessageContaining("/probes/p");

        assertThatThrownBy(() -> new ExpectationsReader().read(dir.resolve("none.json")))
                .hasMessageContaining("cannot read the expectations file");
    }

    @Test
    void theCommittedExpectationsAreValidAndOnePerStack() {
        ExpectationsFolder folder = ExpectationsFolder.load(ROOT.resolve("expectations"));
        assertThat(folder.files()).isNotEmpty();
        for (Expectations e : folder.files()) {
            assertThat(Path.of(e.source()).getFileName().toString())
                    .as("file name of %s", e.describeStack())
                    .isEqualTo(e.fileName());
            assertThat(e.probes()).isNotEmpty();
        }
        assertThat(ROOT.resolve("expectations/README.md")).exists();
    }

    @Test
    void theCommittedLinuxFileIsExactlyWhatTheWriterWouldWrite() throws IOException {
        List<Expectations> files =
                ExpectationsFolder.load(ROOT.resolve("expectations")).files();
        assertThat(files).as("committed expectation files").isNotEmpty();
        for (Expectations e : files) {
            assertThat(Files.readString(Path.of(e.source())))
                    .as("layout of %s", e.source())
                    .isEqualTo(ExpectationsFormat.format(e));
        }
    }
}
