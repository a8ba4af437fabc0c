package dev.codexfence.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The page without a browser: self-contained, data block intact and inert. */
class FenceMapHtmlTest {

    private final String html = FenceMapHtml.render(MapFixture.map());

    @Test
    void fetchesNothing() {
        assertThat(html)
                .doesNotContainPattern("(?i)<link\\b")
                .doesNotContainPattern("(?i)\\bsrc\\s*=")
                .doesNotContainPattern("(?i)url\\(")
                .doesNotContainPattern("(?i)@import")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void theEmbeddedRecordsCannotCloseTheirScriptElementAndParseBack() {
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"fence-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        String block = m.group(1);
        assertThat(block).doesNotContain("</").doesNotContain("<").doesNotContain("&");
        JsonNode data = FenceJson.MAPPER.readTree(block);
        assertThat(data.at("/records").size()).isEqualTo(8);
        JsonNode evil = data.at("/records/6");
        assertThat(evil.at("/record/result/message").asString()).isEqualTo(MapFixture.HOSTILE);
        assertThat(evil.at("/record/probe/id").asString()).isEqualTo("fs_evil");
        assertThat(data.at("/records/2/drift").asBoolean()).isTrue();
        assertThat(data.at("/records/2/expected").asString()).isEqualTo("denied (EROFS)");
        // exactly the page's two scripts: the data block and the inline code
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
    }

    @Test
    void cellsCarryTheirResultAsAttributesAndTextIsEscaped() {
        assertThat(html)
                .contains("<td class=\"cell\" data-capability=\"cap_fs_write_user_home\" data-stack=\"0\""
                        + " data-mode=\"codex-sandbox\" data-result=\"denied\" data-errno=\"EROFS\" data-drift=\"false\""
                        + " data-probes=\"fs_write_home_scratch\" data-records=\"1\" tabindex=\"0\">");
        assertThat(html)
                .contains("data-mode=\"codex-full\" data-result=\"success\" data-errno=\"\" data-drift=\"true\"");
        assertThat(FenceMapHtml.esc("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
