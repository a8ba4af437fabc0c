package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link FenceMap} as one self-contained HTML page: inline style and script, the records embedded
 * as JSON in a {@code <script type="application/json">} block, no external resource of any kind.
 *
 * <p>Every matrix cell is a {@code <td class="cell">} with {@code data-capability}, {@code data-stack} (column
 * group index), {@code data-mode}, {@code data-result} ({@link CellState#id()}), {@code data-errno} (the
 * distinct errnos, space-separated), {@code data-drift}, and, when it holds records, {@code data-probes} and
 * {@code data-records} (indexes into the embedded records).
 */
@API(status = INTERNAL, since = "0.1")
public final class FenceMapHtml {

    private FenceMapHtml() {}

    public static String render(FenceMap map) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>codex-fence map</title>\n<style>\n")
                .append(FenceMapAssets.CSS)
                .append("</style>\n</head>\n<body>\n");
        header(sb, map);
        sb.append("<main>\n");
        if (map.showsHistory()) {
            HistoryHtml.render(sb, map);
            sb.append("<h2 class=\"matrix-title\">Capability × mode, per host and release</h2>\n");
        }
        sb.append("<table id=\"matrix\">\n");
        head(sb, map);
        int width = 1 + map.stacks().stream().mapToInt(s -> s.modes().size()).sum();
        for (FenceMap.RowGroup g : map.groups()) {
            sb.append("<tbody data-category=\"")
                    .append(esc(g.category()))
                    .append("\" data-layer=\"")
                    .append(esc(g.layer()))
                    .append("\">\n");
            sb.append("<tr class=\"group\"><th colspan=\"")
                    .append(width)
                    .append("\">")
                    .append(esc(g.category()));
            if (!g.layer().isEmpty()) {
                sb.append(" · ").append(esc(g.layer()));
            }
            if (!g.description().isEmpty()) {
                sb.append(" <small>").append(esc(g.description())).append("</small>");
            }
            sb.append("</th></tr>\n");
            for (FenceMap.Row r : g.rows()) {
                row(sb, map, r);
            }
            sb.append("</tbody>\n");
        }
        sb.append("</table>\n</main>\n");
        sb.append("<aside id=\"detail\" hidden><button id=\"detail-close\" type=\"button\">close</button>")
                .append("<div id=\"detail-body\"></div></aside>\n");
        sb.append("<script type=\"application/json\" id=\"fence-data\">")
                .append(scriptSafe(data(map)))
                .append("</script>\n");
        sb.append("<script>\n").append(FenceMapAssets.JS).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, FenceMap map) {
        sb.append("<header>\n<h1>codex-fence map</h1>\n");
        sb.append("<p>").append(map.records().size()).append(map.records().size() == 1 ? " record" : " records");
        if (!map.sources().isEmpty()) {
            sb.append(" from ").append(esc(String.join(", ", map.sources())));
        }
        sb.append("</p>\n");
        FenceMap.Merging merging = map.merging();
        if (merging != null && (merging.duplicates() > 0 || !merging.conflicts().isEmpty())) {
            sb.append("<p class=\"merging\" data-duplicates=\"")
                    .append(merging.duplicates())
                    .append("\" data-conflicts=\"")
                    .append(merging.conflicts().size())
                    .append("\">")
                    .append(merging.records())
                    .append(" records read; ")
                    .append(merging.duplicates())
                    .append(merging.duplicates() == 1 ? " duplicate" : " duplicates")
                    .append(" (the same stack, probe and mode, the same result and errno) left out");
            if (!merging.conflicts().isEmpty()) {
                sb.append("; <span class=\"conflict-mark\">")
                        .append(merging.conflicts().size())
                        .append(merging.conflicts().size() == 1 ? " run" : " runs")
                        .append(" whose records disagree, all shown</span>:");
                sb.append("<ul class=\"conflicts\">");
                merging.conflicts()
                        .forEach(c -> sb.append("<li>").append(esc(c)).append("</li>"));
                sb.append("</ul>");
            }
            sb.append("</p>\n");
        }
        for (FenceMap.StackColumns s : map.stacks()) {
            sb.append("<p class=\"stack-summary\" data-stack=\"")
                    .append(s.index())
                    .append("\"><b>")
                    .append(esc(s.key().label()))
                    .append("</b>: ")
                    .append(s.records())
                    .append(" records");
            for (Map.Entry<String, Integer> e : s.results().entrySet()) {
                sb.append(", ").append(e.getValue()).append(' ').append(e.getKey());
            }
            sb.append("; ")
                    .append(s.uncovered())
                    .append(s.uncovered() == 1 ? " capability" : " capabilities")
                    .append(" uncovered");
            if (s.expectations() != null) {
                sb.append("; <span class=\"drift-mark\">")
                        .append(s.drifted())
                        .append(" drifted</span>")
                        .append(s.unlisted() > 0 ? ", " + s.unlisted() + " not listed" : "")
                        .append(" against ")
                        .append(esc(s.expectations()));
            } else {
                sb.append("; no expectations file for this stack");
            }
            sb.append("</p>\n");
        }
        sb.append("<p class=\"legend\">");
        for (CellState st : CellState.values()) {
            sb.append("<span class=\"cell\" data-legend=\"")
                    .append(st.id())
                    .append("\">")
                    .append(st.id())
                    .append("</span>");
        }
        sb.append(
                "<span class=\"drift-mark\">⚠ drift against expectations</span> · click a cell for its records</p>\n</header>\n");
    }

    private static void head(StringBuilder sb, FenceMap map) {
        sb.append("<thead>\n<tr><th class=\"cap\" rowspan=\"2\">capability</th>");
        for (FenceMap.StackColumns s : map.stacks()) {
            sb.append("<th colspan=\"")
                    .append(Math.max(1, s.modes().size()))
                    .append("\" data-stack=\"")
                    .append(s.index())
                    .append("\">")
                    .append(esc(s.key().label()))
                    .append("</th>");
        }
        sb.append("</tr>\n<tr class=\"modes\">");
        for (FenceMap.StackColumns s : map.stacks()) {
            for (String mode : s.modes()) {
                sb.append("<th data-stack=\"")
                        .append(s.index())
                        .append("\">")
                        .append(esc(mode))
                        .append("</th>");
            }
        }
        sb.append("</tr>\n</thead>\n");
    }

    private static void row(StringBuilder sb, FenceMap map, FenceMap.Row r) {
        sb.append("<tr data-capability=\"")
                .append(esc(r.capabilityId()))
                .append("\" class=\"")
                .append(r.covered() ? "covered" : "uncovered")
                .append("\">");
        sb.append("<th class=\"cap\"><code>")
                .append(esc(r.capabilityId()))
                .append("</code><span class=\"desc\">")
                .append(esc(summary(r.description())))
                .append("</span></th>");
        for (FenceMap.Cell c : r.cells()) {
            cell(sb, map, r, c);
        }
        sb.append("</tr>\n");
    }

    private static void cell(StringBuilder sb, FenceMap map, FenceMap.Row r, FenceMap.Cell c) {
        sb.append("<td class=\"cell\" data-capability=\"")
                .append(esc(r.capabilityId()))
                .append("\" data-stack=\"")
                .append(c.stack())
                .append("\" data-mode=\"")
                .append(esc(c.mode()))
                .append("\" data-result=\"")
                .append(c.state().id())
                .append("\" data-errno=\"")
                .append(esc(String.join(" ", c.errnos())))
                .append("\" data-drift=\"")
                .append(c.drifted())
                .append('"');
        if (!c.records().isEmpty()) {
            sb.append(" data-probes=\"")
                    .append(esc(String.join(" ", c.probes())))
                    .append("\" data-records=\"")
                    .append(String.join(
                            " ", c.records().stream().map(String::valueOf).toList()))
                    .append("\" tabindex=\"0\"");
        }
        sb.append('>');
        if (c.records().isEmpty()) {
            sb.append(
                    c.state() == CellState.UNCOVERED
                            ? "uncovered"
                            : c.state() == CellState.NOT_APPLICABLE ? "n/a" : "–");
        }
        for (int i : c.records()) {
            MapRecord m = map.records().get(i);
            var result = m.record().result();
            sb.append("<span class=\"rec r-")
                    .append(result.observedResult().id())
                    .append("\" data-probe=\"")
                    .append(esc(m.record().probe().id()))
                    .append("\" data-result=\"")
                    .append(result.observedResult().id())
                    .append("\" data-errno=\"")
                    .append(esc(result.errno() == null ? "" : result.errno()))
                    .append("\" title=\"")
                    .append(esc(m.record().probe().id()
                            + (m.expected() != null
                                    ? "; expected " + m.expected().describe()
                                    : "")))
                    .append("\">")
                    .append(result.observedResult().id());
            if (result.errno() != null) {
                sb.append(" <span class=\"errno\">").append(esc(result.errno())).append("</span>");
            }
            if (m.drifted()) {
                sb.append(" <span class=\"drift-mark\">⚠ expected ")
                        .append(esc(m.expected().text()))
                        .append("</span>");
            }
            sb.append("</span>");
        }
        sb.append("</td>");
    }

    /** The data the script reads: the stacks and every record with its expectation. */
    static String data(FenceMap map) {
        ObjectNode root = FenceJson.MAPPER.createObjectNode();
        ArrayNode stacks = root.putArray("stacks");
        for (FenceMap.StackColumns s : map.stacks()) {
            ObjectNode n = stacks.addObject();
            n.put("label", s.key().label());
            n.put("platform", s.key().platform());
            n.put("codex_cli_version", s.key().release().version());
            n.put("os", s.key().host().os());
            n.put("uid", s.key().host().uid());
            n.put("expectations", s.expectations());
        }
        ArrayNode records = root.putArray("records");
        for (MapRecord m : map.records()) {
            ObjectNode n = records.addObject();
            n.put("probe", m.record().probe().id());
            n.put("mode", m.record().run().mode());
            n.put("stack", m.stack());
            n.put("expected", m.expected() == null ? null : m.expected().describe());
            n.put("drift", m.drifted());
            n.put("unlisted", m.unlisted());
            n.set("record", RecordJson.tree(m.line()));
        }
        return FenceJson.MAPPER.writeValueAsString(root);
    }

    /** JSON that cannot end its {@code <script>} element: {@code <}, {@code >} and {@code &} as JSON escapes. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String summary(String description) {
        String first = description == null ? "" : description.strip();
        int dot = first.indexOf(". ");
        if (dot > 0) {
            first = first.substring(0, dot + 1);
        }
        return first.length() <= 140 ? first : first.substring(0, 139) + "…";
    }

    /** Escapes text for HTML content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
