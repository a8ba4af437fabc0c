package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.codexfence.engine.internal.catalog.CatalogException;
import dev.codexfence.engine.internal.catalog.ForeignCorpus;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.record.RecordAssembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineTestKit;
import tools.jackson.databind.JsonNode;

/**
 * A probe tree written in the original codex-fence's style runs through the engine against a catalog in each
 * foreign shape (issue 17): one schema-valid record per probe and mode, naming the catalog's identity.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class ForeignCatalogEngineTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> catalogs() {
        return Stream.of(
                Arguments.of(ForeignCorpus.originalCatalog(), ForeignCorpus.ORIGINAL_IDENTITY),
                Arguments.of(ForeignCorpus.wrappedCatalog(), ForeignCorpus.WRAPPED_IDENTITY));
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void theLegacyCorpusRunsAgainstTheCatalogInBaseline(Path catalog, String identity) throws IOException {
        runCorpus(catalog, identity, List.of("baseline"), Map.of());
    }

    @ParameterizedTest
    @MethodSource("catalogs")
    void theLegacyCorpusRunsAgainstTheCatalogInTheCodexSandbox(Path catalog, String identity) throws IOException {
        Path codex = ForeignCorpus.codexOrAbort();
        runCorpus(catalog, identity, List.of("codex-sandbox"), Map.of(Constants.CODEX_PATH, codex.toString()));
    }

    private void runCorpus(Path catalog, String identity, List<String> modes, Map<String, String> extra)
            throws IOException {
        Path tree = ForeignCorpus.tree(tmp);
        Map<String, String> config = new HashMap<>(extra);
        config.put(Constants.MODES, String.join(",", modes));
        config.put(Constants.CATALOG, catalog.toString());
        config.put(Constants.EXPECTATIONS_ENABLED, "false");
        var results = Fixtures.kit(
                        tmp.resolve("out"),
                        config,
                        selectDirectory(tree.resolve("probes").toFile()))
                .execute();

        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        boolean sandboxSkipped = modes.contains("codex-sandbox")
                && records.keySet().stream().noneMatch(k -> k.endsWith("[codex-sandbox]"));
        List<String> expectedTests = new ArrayList<>();
        for (String probe : ForeignCorpus.PROBES) {
            for (String mode : modes) {
                if (!(sandboxSkipped && mode.equals("codex-sandbox"))) {
                    expectedTests.add(probe + " [" + mode + "]");
                }
            }
        }
        assertThat(records).containsOnlyKeys(expectedTests);
        records.forEach((test, record) -> {
            String probe = record.at("/probe/id").asString();
            String mode = record.at("/run/mode").asString();
            assertThat(RecordAssembler.bundledSchema().validate(record))
                    .as(test)
                    .isEmpty();
            assertThat(record.at("/capabilities_schema_version").asString())
                    .as(test)
                    .isEqualTo(identity);
            assertThat(record.at("/capability_context/primary/category").asString())
                    .as(test)
                    .isEqualTo(
                            probe.startsWith("fs_") ? "filesystem" : probe.startsWith("net_") ? "network" : "process");
            String expected = ForeignCorpus.expectedResult(probe, mode);
            if (expected != null) {
                assertThat(record.at("/result/observed_result").asString())
                        .as(test + ": " + record)
                        .isEqualTo(expected);
            }
        });
        // a capability that this platform does not have gets no coverage test: on Linux every test passes
        boolean macOnlyUncovered = catalog.equals(ForeignCorpus.wrappedCatalog())
                && Platform.current().orElse(null) == Platform.MACOS;
        results.testEvents()
                .assertStatistics(s -> s.succeeded(expectedTests.size())
                        .failed(macOnlyUncovered ? 1 : 0)
                        .skipped(sandboxSkipped ? ForeignCorpus.PROBES.size() : 0));
    }

    @Test
    void discoveryReportsHowTheCatalogWasReadAsInfoIssuesAtItsLines() {
        Path catalog = ForeignCorpus.wrappedCatalog();
        var discovery = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODES, "baseline")
                .configurationParameter(Constants.CATALOG, catalog.toString())
                .configurationParameter(
                        Constants.BOUNDARY, ForeignCorpus.cfboDescriptor().toString())
                .selectors(selectDirectory(ForeignCorpus.DIR.resolve("probes").toFile()))
                .discover();
        List<DiscoveryIssue> issues = discovery.getDiscoveryIssues();
        assertThat(issues)
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.severity()).isEqualTo(DiscoveryIssue.Severity.INFO));
        assertThat(issues)
                .extracting(DiscoveryIssue::message)
                .containsExactly(
                        catalog
                                + ": read as a sandbox_catalog_v1 catalog (the wrapped format of the original's successor);"
                                + " records carry capabilities_schema_version \"" + ForeignCorpus.WRAPPED_IDENTITY
                                + "\"",
                        catalog
                                + ": no platforms field; the platforms come from the capability's own labels for 3 capabilities:"
                                + " cap_fs_follow_symlinks_out_of_workspace (linux, macos), cap_mach_lookup_system_logger (macos),"
                                + " cap_fs_read_roaming_profile (windows)",
                        catalog
                                + ": no platforms field and no platform among the capability's labels; the catalog's labels name"
                                + " linux, macos for 4 capabilities: cap_fs_read_workspace_tree, cap_fs_write_workspace_tree,"
                                + " cap_proc_exec_toolchain_outside_workspace, cap_net_localhost_only",
                        catalog
                                + ": 1 capability names only windows, where codex-fence does not run; it applies to no platform"
                                + " here and gets no coverage test: cap_fs_read_roaming_profile",
                        ForeignCorpus.cfboDescriptor() + ": record-schema descriptor for cfbo-v1 accepted; records keep"
                                + " codex-fence's cfbo-v1 layout (schema_version cfbo-v1, no boundary_event_v1 envelope) and are"
                                + " checked against the bundled schema/boundary_object.json, not against the embedded schema");
        FileSource first = (FileSource) issues.get(0).source().orElseThrow();
        assertThat(first.getFile().toPath()).isEqualTo(catalog);
        assertThat(first.getPosition().orElseThrow().getLine()).isEqualTo(4);
        FileSource descriptor = (FileSource) issues.get(4).source().orElseThrow();
        assertThat(descriptor.getFile().toPath()).isEqualTo(ForeignCorpus.cfboDescriptor());
    }

    @Test
    void aDescriptorForAnotherRecordSchemaStopsDiscoveryWithItsMessage() {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(ForeignCorpus.DIR.resolve("probes").toFile()))
                .configurationParameters(Map.of(
                        Constants.CATALOG,
                        ForeignCorpus.originalCatalog().toString(),
                        Constants.BOUNDARY,
                        ForeignCorpus.otherDescriptor().toString()))
                .build();
        assertThatThrownBy(() -> new CodexFenceTestEngine().discover(request, UniqueId.forEngine(Constants.ENGINE_ID)))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(ForeignCorpus.otherDescriptor()
                        + ": /key (line 2): record schema \"acme-events-v3\"" + " is not supported");
    }
}
