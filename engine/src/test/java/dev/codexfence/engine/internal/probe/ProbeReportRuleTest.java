package dev.codexfence.engine.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The static rule "one observation" (probes/README.md): outside comments, a probe names emit-record (its own call) or
 * fence_emit (probe-lib.sh's call with the probe's declarations) exactly once in all.
 */
class ProbeReportRuleTest {

    private static final CapabilityCatalog CATALOG = new CatalogLoader().loadBundled();
    private static final ProbeParser PARSER = new ProbeParser(CATALOG);

    @TempDir
    Path root;

    private ProbeScript probe(String body) throws IOException {
        Path file = root.resolve("fx_report.sh");
        Files.writeString(file, """
                #!/usr/bin/env bash
                # a probe that reports
                set -euo pipefail
                probe_name="fx_report"
                primary_capability_id="cap_fs_read_workspace_tree"
                : "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
                . "$FENCE_BIN/probe-lib.sh"
                """ + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return PARSER.parse(root, file);
    }

    private static List<String> messages(ProbeScript p) {
        return p.issues().stream().map(ContractIssue::message).toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fence_emit --command x --category fs --verb read --target t --status success\n",
                "\"$FENCE_BIN/emit-record\" --probe-name \"$probe_name\" --primary-capability-id \"$primary_capability_id\" \\\n"
                        + "  --command x --category fs --verb read --target t --status success\n",
                // fence_emit only as a whole word: these names are other functions, not a second report
                "my_fence_emit() { :; }\nfence_emitter() { :; }\nfence_emit --command x --category fs --verb read --target t --status success\n",
                "# fence_emit and emit-record in a comment do not count\nfence_emit --command x --category fs --verb read --target t --status success\n"
            })
    void oneFenceEmitOrOneEmitRecordIsOneObservation(String body) throws IOException {
        ProbeScript p = probe(body);
        assertThat(p.issues()).as(p.describeIssues()).isEmpty();
    }

    @Test
    void fenceEmitAndEmitRecordTogetherAreTwoObservations() throws IOException {
        ProbeScript p =
                probe("if false; then fence_emit --status error; fi\n\"$FENCE_BIN/emit-record\" --status success\n");
        assertThat(p.issues()).extracting(ContractIssue::line).containsExactly(9);
        assertThat(messages(p))
                .containsExactly("emit-record and fence_emit appear 2 times (lines [8, 9]); "
                        + "a probe calls emit-record or fence_emit exactly once");
    }

    @Test
    void fenceEmitTwiceIsTwoObservations() throws IOException {
        assertThat(messages(probe("fence_emit --status success\nfence_emit --status error\n")))
                .containsExactly(
                        "fence_emit appears 2 times (lines [8, 9]); a probe calls emit-record or fence_emit exactly once");
    }

    @Test
    void emitRecordTwiceKeepsItsMessage() throws IOException {
        assertThat(messages(probe("\"$FENCE_BIN/emit-record\" --a\n\"$FENCE_BIN/emit-record\" --b\n")))
                .containsExactly(
                        "emit-record appears 2 times (lines [8, 9]); a probe calls emit-record or fence_emit exactly once");
    }

    @Test
    void noReportAtAllIsNamed() throws IOException {
        assertThat(messages(probe("my_fence_emit --status success\n# fence_emit\n")))
                .containsExactly("no emit-record or fence_emit call (a probe reports exactly once)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cli-legacy/probes", "foreign-catalogs/probes", "healthy"})
    void probesInTheOldStylesStillReportOnce(String tree) throws IOException {
        // the original codex-fence's style (<tree>/bin/emit-record) and this project's direct emit-record calls
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/test/fixtures").resolve(tree))) {
            files = s.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(files).as("probes in %s", tree).isNotEmpty();
        for (Path f : files) {
            assertThat(PARSER.parse(f.getParent(), f).issues())
                    .as(f.toString())
                    .noneMatch(i ->
                            i.message().contains("emit-record") || i.message().contains("fence_emit"));
        }
    }
}
