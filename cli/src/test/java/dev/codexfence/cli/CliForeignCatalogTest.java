package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.ForeignCorpus;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 through the CLI, as a separate JVM: a probe tree in the original codex-fence's style, with our
 * helpers in its bin/, runs unmodified with {@code --probes DIR --catalog FILE} against a catalog in the
 * original shape and in its successor's wrapped shape.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliForeignCatalogTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> catalogs() {
        return Stream.of(
                Arguments.of(ForeignCorpus.originalCatalog(), ForeignCorpus.ORIGINAL_IDENTITY),
                Arguments.of(ForeignCorpus.wrappedCatalog(), ForeignCorpus.WRAPPED_IDENTITY));
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void bangRunsTheLegacyTreeAgainstTheCatalogInBaseline(Path catalog, String identity) throws Exception {
        bang(catalog, identity, List.of("baseline"));
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void bangRunsTheLegacyTreeAgainstTheCatalogInTheCodexSandbox(Path catalog, String identity) throws Exception {
        Path codex = ForeignCorpus.codexOrAbort();
        bang(catalog, identity, List.of("codex-sandbox"), "--codex", codex.toString(), "--timeout", "60");
    }

    private void bang(Path catalog, String identity, List<String> modes, String... extra) throws Exception {
        Path tree = ForeignCorpus.tree(tmp);
        var r = cli(
                        "--bang",
                        "--mode",
                        String.join(",", modes),
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--catalog",
                        catalog.toString(),
                        "--output",
                        tmp.resolve("out").toString(),
                        "-c",
                        "codex-fence.expectations.enabled=false")
                .args(extra)
                .run();
        boolean macOnlyUncovered = catalog.equals(ForeignCorpus.wrappedCatalog())
                && Platform.current().orElse(null) == Platform.MACOS;
        assertThat(r.exit()).as(r.toString()).isEqualTo(macOnlyUncovered ? ExitCodes.FAILED : ExitCodes.OK);
        assertThat(r.stderr())
                .as(r.toString())
                .contains("codex-fence: note: " + catalog + ": read as a ")
                .contains("records carry capabilities_schema_version \"" + identity + "\"")
                .contains("codex-fence: note: " + catalog + ": no platforms field");

        List<String> runs = new ArrayList<>();
        for (String line : r.lines()) {
            JsonNode n = FenceJson.MAPPER.readTree(line);
            String probe = n.at("/probe/id").asString();
            String mode = n.at("/run/mode").asString();
            runs.add(probe + " [" + mode + "]");
            assertThat(RecordAssembler.bundledSchema().validate(n)).as(line).isEmpty();
            assertThat(n.at("/capabilities_schema_version").asString()).isEqualTo(identity);
            String expected = ForeignCorpus.expectedResult(probe, mode);
            if (expected != null) {
                assertThat(n.at("/result/observed_result").asString()).as(line).isEqualTo(expected);
            }
        }
        List<String> expectedRuns = new ArrayList<>();
        boolean sandboxRan = runs.stream().anyMatch(s -> s.endsWith("[codex-sandbox]"));
        for (String probe : ForeignCorpus.PROBES) {
            for (String mode : modes) {
                if (mode.equals("baseline") || sandboxRan) {
                    expectedRuns.add(probe + " [" + mode + "]");
                }
            }
        }
        assertThat(runs).as(r.toString()).containsExactlyInAnyOrderElementsOf(expectedRuns);
        if (modes.contains("codex-sandbox") && !sandboxRan) {
            // a host where codex cannot sandbox: the mode is skipped with its reason, never a silent pass
            assertThat(r.stderr()).contains("skipped " + ForeignCorpus.PROBES.size() + " runs: ");
        }
    }

    @Test
    void helpNamesTheCatalogShapesAndTheDescriptorOption() throws Exception {
        var r = cli("bang", "--help").run();
        assertThat(r.exit()).isZero();
        assertThat(r.stdout())
                .contains(
                        "--catalog=FILE",
                        "macOS_codex_v1",
                        "sandbox_catalog_v1",
                        "catalog.key",
                        "--boundary=FILE",
                        "CODEX_FENCE_BOUNDARY");
        assertThat(r.stdout().lines())
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void notesArePrintedOncePerInvocationAcrossRepetitions() throws Exception {
        Path tree = ForeignCorpus.tree(tmp);
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fs_read_workspace_readme",
                        "--mode",
                        "baseline",
                        "--repeat",
                        "2",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--catalog",
                        ForeignCorpus.originalCatalog().toString(),
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.stderr().lines().filter(l -> l.startsWith("codex-fence: note: ")))
                .containsExactly(
                        "codex-fence: note: " + ForeignCorpus.originalCatalog() + ": read as a macOS_codex_v1"
                                + " catalog (the original codex-fence's format); records carry capabilities_schema_version"
                                + " \"macOS_codex_v1\"",
                        "codex-fence: note: " + ForeignCorpus.originalCatalog() + ": no platforms field and no platform"
                                + " among the capability's labels; every platform (linux, macos) for 5 capabilities:"
                                + " cap_fs_read_workspace_tree, cap_fs_write_workspace_tree,"
                                + " cap_fs_follow_symlinks_out_of_workspace, cap_proc_exec_toolchain_outside_workspace,"
                                + " cap_net_localhost_only",
                        "codex-fence: note: " + ForeignCorpus.originalCatalog()
                                + ": ignored 3 fields that a macOS_codex_v1"
                                + " catalog (the original codex-fence's format) does not define: /capabilities/*/level (2×),"
                                + " /capabilities/*/status");
    }

    @Test
    void aCfboV1DescriptorIsAcceptedAndTheRecordsStayCfboV1() throws Exception {
        Path tree = ForeignCorpus.tree(tmp);
        var r = cli(
                        "--rattle",
                        "--probe",
                        "fs_read_workspace_readme",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--catalog",
                        ForeignCorpus.wrappedCatalog().toString(),
                        "--boundary",
                        ForeignCorpus.cfboDescriptor().toString(),
                        "--output",
                        tmp.resolve("out").toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stderr())
                .contains("codex-fence: note: " + ForeignCorpus.cfboDescriptor()
                        + ": record-schema descriptor for cfbo-v1 accepted");
        assertThat(r.lines()).singleElement().satisfies(line -> {
            JsonNode n = FenceJson.MAPPER.readTree(line);
            assertThat(n.at("/schema_version").asString()).isEqualTo("cfbo-v1");
            assertThat(n.has("schema_key")).isFalse();
            assertThat(RecordAssembler.bundledSchema().validate(n)).isEmpty();
        });
    }

    @Test
    void aDescriptorForAnotherRecordSchemaIsAConfigurationErrorBeforeAnythingRuns() throws Exception {
        Path tree = ForeignCorpus.tree(tmp);
        var r = cli(
                        "--bang",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--catalog",
                        ForeignCorpus.originalCatalog().toString(),
                        "--output",
                        tmp.resolve("out").toString())
                .env("CODEX_FENCE_BOUNDARY", ForeignCorpus.otherDescriptor().toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .isEqualTo("codex-fence: " + ForeignCorpus.otherDescriptor() + ": /key (line 2): record schema"
                        + " \"acme-events-v3\" is not supported: codex-fence writes and checks cfbo-v1 records only"
                        + " (schema/boundary_object.json); use a descriptor whose key is cfbo-v1, or none\n");
    }

    @Test
    void swappedFilesAreNamedForWhatTheyAre() throws Exception {
        Path tree = ForeignCorpus.tree(tmp);
        var asCatalog = cli(
                        "--bang",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--catalog",
                        ForeignCorpus.cfboDescriptor().toString())
                .run();
        assertThat(asCatalog.exit()).as(asCatalog.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(asCatalog.stderr())
                .contains("this is a record-schema descriptor (key \"cfbo-v1\"), not a capability"
                        + " catalog: give it to --boundary or codex-fence.boundary");
        var asDescriptor = cli(
                        "--bang",
                        "--mode",
                        "baseline",
                        "--probes",
                        tree.resolve("probes").toString(),
                        "--boundary",
                        ForeignCorpus.wrappedCatalog().toString())
                .run();
        assertThat(asDescriptor.exit()).as(asDescriptor.toString()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(asDescriptor.stderr()).contains("this is a capability catalog, not a record-schema descriptor");
    }
}
