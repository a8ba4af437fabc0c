package dev.codexfence.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The history view in the page's HTML (the browser's reading of it is FenceHistoryBrowserTest). */
class FenceHistoryHtmlTest {

    @Test
    void severalReleasesOfAHostGiveTheHistoryViewAndOneReleaseDoesNot() {
        FenceMap map = HistoryMapFixture.map();
        assertThat(map.showsHistory()).isTrue();
        String html = FenceMapHtml.render(map);
        assertThat(html).contains("<section id=\"history\">").contains("<h2 class=\"matrix-title\">");
        Matcher hcells = Pattern.compile("<td class=\"hcell\"").matcher(html);
        assertThat(hcells.results().count()).as("105 rows × 4 releases").isEqualTo(420);
        assertThat(html)
                .contains(
                        "<li class=\"step\" data-from=\"0.80.0\" data-to=\"0.120.0\" data-adjacent=\"true\" data-changed=\"37\">")
                .contains(
                        "between <b>0.40.0</b> and <b>0.80.0</b> <small>(debug → sandbox-os)</small>: no cell changed</li>")
                .contains(
                        "<li class=\"group\" data-direction=\"looser\">2 × privilege mount: denied EPERM → success (now allowed)</li>");
        assertThat(html)
                .contains(
                        "<p class=\"merging\" data-duplicates=\"12\" data-conflicts=\"0\">369 records read; 12 duplicates");
        // the matrix keeps one record per stack × probe × mode: the re-run's duplicates are not shown twice
        assertThat(map.records()).hasSize(357);
        // stacks in version order, so matrix column groups and history columns agree
        assertThat(map.stacks())
                .extracting(s -> s.key().release().version())
                .containsExactly("0.40.0", "0.80.0", "0.120.0", "0.171.0");

        String plain = FenceMapHtml.render(MapFixture.map());
        assertThat(plain).doesNotContain("<section id=\"history\">").doesNotContain("class=\"hcell\"");
    }

    @Test
    void driftIsJudgedAgainstEachRecordsOwnRelease() {
        FenceMap map = HistoryMapFixture.map();
        assertThat(map.stacks()).extracting(FenceMap.StackColumns::drifted).containsExactly(0, 1, 0, 0);
        assertThat(map.stacks())
                .extracting(FenceMap.StackColumns::expectations)
                .containsExactly(null, "expectations/linux-codex-0.80.0.json", null, null);
        String html = FenceMapHtml.render(map);
        assertThat(html)
                .containsPattern(
                        "<td class=\"hcell\" data-line=\"0\" data-release=\"0.80.0\" data-capability=\"cap_fs_write_user_home\""
                                + " data-probe=\"fs_write_home_scratch\" data-mode=\"codex-sandbox\" data-state=\"observed\" data-result=\"denied\""
                                + " data-errno=\"EACCES\" data-change=\"\" data-drift=\"true\" data-stack=\"1\" data-records=\"\\d+\"");
    }

    @Test
    void hostileTextInTheHistoryIsEscaped() {
        String os = "<img src=x onerror=alert(1)> & \"quoted\"";
        ObjectNode a = TestRecords.json(
                "p", "cap_fs_write_user_home", "baseline", "success", null, "m", "linux", "0.80.0", os);
        ObjectNode b = TestRecords.json(
                "p", "cap_fs_write_user_home", "baseline", "denied", "EPERM", "m", "linux", "0.120.0", os);
        String ndjson = TestRecords.ndjson(List.of(a, b));
        List<RecordLine> lines =
                new RecordReader().read("x", new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
        FenceMap map = new FenceMapReport(MapFixture.CATALOG, s -> Optional.empty()).map(List.of("x"), lines);
        String html = FenceMapHtml.render(map);
        assertThat(html)
                .contains("<h3>linux · &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; · uid 0</h3>")
                .doesNotContain("<img src=x");
    }

    @Test
    void recordsOfSeveralHostsGiveOneHistoryLineEachInOneReport(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<dev.codexfence.record.BoundaryObject> records = new java.util.ArrayList<>();
        for (String os : List.of("Linux 6.1 x86_64", "Darwin 23.4.0 arm64")) {
            String platform = os.startsWith("Linux") ? "linux" : "macos";
            records.add(TestRecords.record(TestRecords.json(
                    "p", "cap_fs_write_user_home", "codex-sandbox", "denied", "EACCES", "m", platform, "0.80.0", os)));
            records.add(TestRecords.record(TestRecords.json(
                    "p",
                    "cap_fs_write_user_home",
                    "codex-sandbox",
                    "denied",
                    platform.equals("linux") ? "EROFS" : "EACCES",
                    "m",
                    platform,
                    "0.120.0",
                    os)));
        }
        // the engine's end-of-run report takes records, not lines: the same merging and history
        java.nio.file.Path out = new FenceMapReport(MapFixture.CATALOG, s -> Optional.empty())
                .write(dir.resolve("map.html"), List.of("run.ndjson"), records);
        String html = java.nio.file.Files.readString(out);
        assertThat(html)
                .contains("<div class=\"history-line\" data-line=\"0\" data-host=\"linux · Linux 6.1 x86_64 · uid 0\">")
                .contains(
                        "<div class=\"history-line\" data-line=\"1\" data-host=\"macos · Darwin 23.4.0 arm64 · uid 0\">")
                .containsPattern(
                        "data-line=\"0\" data-release=\"0.120.0\"[^>]* data-errno=\"EROFS\" data-change=\"errno\"")
                .containsPattern(
                        "data-line=\"1\" data-release=\"0.120.0\"[^>]* data-errno=\"EACCES\" data-change=\"\"");
    }
}
