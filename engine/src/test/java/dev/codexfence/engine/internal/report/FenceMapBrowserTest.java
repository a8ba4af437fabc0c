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
 * Loads the fence map in Debian's headless chromium (installed by .ci/run) and reads the DOM back: the matrix
 * cells, the detail panel opened through the URL fragment, and a screenshot kept as a build artifact
 * (target/fence-map.png, with the page as target/fence-map.html). Without chromium the tests are skipped,
 * each with the reason, locally and fail in CI.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class FenceMapBrowserTest {

    private static final Path ARTIFACTS = Path.of("target").toAbsolutePath();
    private static final Pattern TD = Pattern.compile("<td class=\"cell[^\"]*\"([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    @TempDir
    static Path scratch;

    /** Without chromium each test is skipped with the reason (fails where CI=true). */
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
        page = ARTIFACTS.resolve("fence-map.html");
        Files.writeString(page, FenceMapHtml.render(MapFixture.map()));
    }

    private static String url(String fragment) {
        String base = page.toUri().toString();
        return fragment == null ? base : base + "#open=" + URLEncoder.encode(fragment, StandardCharsets.UTF_8);
    }

    /** Every matrix cell of the dumped DOM, by {@code capability|stack|mode}, with its attributes. */
    private static Map<String, Map<String, String>> cells(String dom) {
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        Matcher td = TD.matcher(dom);
        while (td.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(td.group(1));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2));
            }
            cells.put(
                    attrs.get("data-capability") + "|" + attrs.get("data-stack") + "|" + attrs.get("data-mode"), attrs);
        }
        return cells;
    }

    @Test
    void theMatrixShowsEveryCapabilityByModeWithResultErrnoAndDrift() throws Exception {
        String dom = chromium.dumpDom(url(null));
        assertThat(dom).contains("data-ready=\"true\"").doesNotContain("data-pwned=\"1\"");
        Map<String, Map<String, String>> cells = cells(dom);
        int rows = MapFixture.CATALOG.capabilities().size() + 1;
        assertThat(cells).hasSize(rows * 3);

        assertThat(cells.get("cap_fs_write_user_home|0|codex-sandbox"))
                .containsEntry("data-result", "denied")
                .containsEntry("data-errno", "EROFS")
                .containsEntry("data-drift", "false");
        assertThat(cells.get("cap_fs_write_user_home|0|codex-full"))
                .containsEntry("data-result", "success")
                .containsEntry("data-errno", "")
                .containsEntry("data-drift", "true");
        assertThat(cells.get("cap_fs_read_workspace_tree|0|codex-sandbox"))
                .containsEntry("data-result", "mixed")
                .containsEntry("data-errno", "EPERM")
                .containsEntry("data-probes", "fs_list_workspace_tree fs_read_workspace_file");
        assertThat(cells.get("cap_fs_read_system_roots|0|baseline"))
                .containsEntry("data-result", "error")
                .containsEntry("data-errno", "ENOENT");
        assertThat(cells.get("cap_kernel_bpf|0|baseline"))
                .containsEntry("data-result", "uncovered")
                .doesNotContainKey("data-records");
        assertThat(cells.get("cap_mach_lookup_system_logger|0|codex-full")).containsEntry("data-result", "n-a");
        assertThat(cells.get("cap_future_thing|0|codex-full")).containsEntry("data-result", "partial");
        // nothing is open until asked
        assertThat(dom).containsPattern("<aside id=\"detail\" hidden=\"\"");
    }

    @Test
    void theFragmentOpensTheRecordAsAClickWould() throws Exception {
        String dom = chromium.dumpDom(url("fs_write_home_scratch|codex-sandbox"));
        Matcher aside = Pattern.compile("<aside id=\"detail\"([^>]*)>(.*?)</aside>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(aside.find()).as("detail panel in %s", dom.length()).isTrue();
        assertThat(aside.group(1))
                .contains("data-open=\"fs_write_home_scratch|codex-sandbox|0\"")
                .doesNotContain("hidden");
        String detail = aside.group(2);
        assertThat(detail)
                .contains(
                        "<section class=\"record focus\" data-probe=\"fs_write_home_scratch\" data-mode=\"codex-sandbox\">")
                .contains("fs_write_home_scratch [codex-sandbox]: denied (EROFS)")
                .contains("as expected: denied (EROFS)")
                .contains("\"errno\": \"EROFS\"")
                .contains("\"message\": \"write under $HOME refused\"")
                .contains("\"codex_cli_version\": \"0.169.0\"");
        assertThat(dom)
                .containsPattern(
                        "<td class=\"cell selected\" data-capability=\"cap_fs_write_user_home\" data-stack=\"0\" data-mode=\"codex-sandbox\"");

        String drift = chromium.dumpDom(url("fs_write_home_scratch|codex-full"));
        assertThat(drift).contains("drift: expected denied (EROFS)").contains("\"observed_result\": \"success\"");
    }

    @Test
    void aHostileMessageIsShownAsTextAndRunsNothing() throws Exception {
        String dom = chromium.dumpDom(url("fs_evil|baseline"));
        assertThat(dom)
                .contains("data-open=\"fs_evil|baseline|0\"")
                .contains(
                        "&lt;/script&gt;&lt;script&gt;document.documentElement.setAttribute('data-pwned','1')&lt;/script&gt;")
                .doesNotContain("data-pwned=\"1\"");
    }

    @Test
    void aScreenshotIsKeptAsABuildArtifact() throws Exception {
        Path png = ARTIFACTS.resolve("fence-map.png");
        Files.deleteIfExists(png);
        chromium.screenshot(url(null), png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(List.of(bytes[1], bytes[2], bytes[3])).containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
    }
}
