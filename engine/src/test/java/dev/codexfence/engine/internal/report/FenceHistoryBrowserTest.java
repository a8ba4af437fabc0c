package dev.codexfence.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.testing.RequiredTool;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the fence map of four recorded releases in Debian's headless chromium and reads the history view back
 * from the DOM: the marked cells, the rows the page shows (only changed ones, or all with {@code #history=all}),
 * and a record opened from the URL fragment. Leaves the page and a screenshot in
 * {@code target/fence-history.html} and {@code target/fence-history.png}. Without chromium each test is skipped
 * with the reason (fails where CI=true).
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class FenceHistoryBrowserTest {

    private static final Path ARTIFACTS = Path.of("target").toAbsolutePath();
    private static final Pattern HCELL = Pattern.compile("<td class=\"hcell[^\"]*\"([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    @TempDir
    static Path scratch;

    @RegisterExtension
    static final RequiredTool CHROMIUM =
            RequiredTool.find("chromium", "apt-get install chromium; .ci/run does", Chromium::onPath);

    private static Chromium chromium;
    private static Path page;

    @BeforeAll
    static void writePage() throws IOException {
        if (!CHROMIUM.present()) {
            return;
        }
        chromium = new Chromium(CHROMIUM.path(), scratch);
        Files.createDirectories(ARTIFACTS);
        page = ARTIFACTS.resolve("fence-history.html");
        Files.writeString(page, FenceMapHtml.render(HistoryMapFixture.map()));
    }

    private static String url(String fragment) {
        return fragment == null ? page.toUri().toString() : page.toUri() + fragment;
    }

    /** Every history cell of the dumped DOM, by {@code probe|mode|release}, with its attributes. */
    private static Map<String, Map<String, String>> cells(String dom) {
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        Matcher td = HCELL.matcher(dom);
        while (td.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(td.group(1));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2));
            }
            cells.put(attrs.get("data-probe") + "|" + attrs.get("data-mode") + "|" + attrs.get("data-release"), attrs);
        }
        return cells;
    }

    private static String visibleRows(String dom) {
        Matcher m = Pattern.compile("<table class=\"history[^\"]*\" data-line=\"0\" data-visible-rows=\"(\\d+)\"")
                .matcher(dom);
        assertThat(m.find()).as("the history table says how many rows it shows").isTrue();
        return m.group(1);
    }

    @Test
    void theHistoryMarksEachChangeByTheWayItMovedAndShowsOnlyChangedRows() throws Exception {
        String dom = chromium.dumpDom(url(null));
        assertThat(dom).contains("data-ready=\"true\"");
        Map<String, Map<String, String>> cells = cells(dom);
        assertThat(cells).hasSize(420);
        assertThat(cells.get("fs_write_home_scratch|codex-sandbox|0.80.0"))
                .containsEntry("data-result", "denied")
                .containsEntry("data-errno", "EACCES")
                .containsEntry("data-change", "");
        assertThat(cells.get("fs_write_home_scratch|codex-sandbox|0.120.0"))
                .containsEntry("data-errno", "EROFS")
                .containsEntry("data-change", "errno")
                .containsEntry("data-stack", "2");
        assertThat(cells.get("priv_mount_tmpfs|codex-sandbox|0.120.0"))
                .containsEntry("data-result", "success")
                .containsEntry("data-change", "looser");
        assertThat(cells.get("priv_mount_tmpfs|codex-sandbox|0.171.0"))
                .containsEntry("data-result", "denied")
                .containsEntry("data-change", "tighter");
        assertThat(cells.get("fs_write_home_scratch|codex-full|0.40.0"))
                .containsEntry("data-state", "absent")
                .doesNotContainKey("data-records");
        assertThat(cells.values().stream()
                        .filter(c -> !c.get("data-change").isEmpty())
                        .count())
                .as("one mark per change: 40 cells, two of them changed twice")
                .isEqualTo(43);
        assertThat(visibleRows(dom)).as("only the 40 rows that changed").isEqualTo("40");
        assertThat(visibleRows(chromium.dumpDom(url("#history=all")))).isEqualTo("105");
        // the matrix's column groups are in version order too
        assertThat(dom)
                .containsPattern("<th colspan=\"\\d+\" data-stack=\"0\">linux · codex 0.40.0 ")
                .containsPattern("<th colspan=\"\\d+\" data-stack=\"3\">linux · codex 0.171.0 ");
    }

    @Test
    void aHistoryCellsRecordsOpenInTheDetailPanel() throws Exception {
        String fragment = "#open=" + URLEncoder.encode("fs_write_home_scratch|codex-sandbox|2", StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(url(fragment));
        Matcher aside = Pattern.compile("<aside id=\"detail\"([^>]*)>(.*?)</aside>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(aside.find()).isTrue();
        assertThat(aside.group(1)).contains("data-open=\"fs_write_home_scratch|codex-sandbox|2\"");
        assertThat(aside.group(2))
                .contains("fs_write_home_scratch [codex-sandbox]: denied (EROFS)")
                .contains("\"codex_cli_version\": \"0.120.0\"");

        String drift = chromium.dumpDom(
                url("#open=" + URLEncoder.encode("fs_write_home_scratch|codex-sandbox|1", StandardCharsets.UTF_8)));
        assertThat(drift).contains("drift: expected denied (EROFS)").contains("\"codex_cli_version\": \"0.80.0\"");
    }

    @Test
    void aScreenshotOfTheHistoryIsKeptAsABuildArtifact() throws Exception {
        Path png = ARTIFACTS.resolve("fence-history.png");
        Files.deleteIfExists(png);
        chromium.screenshot(url(null), png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(List.of(bytes[1], bytes[2], bytes[3])).containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
    }
}
