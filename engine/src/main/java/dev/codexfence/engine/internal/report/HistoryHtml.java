package dev.codexfence.engine.internal.report;

import static dev.codexfence.engine.internal.report.FenceMapHtml.esc;

import dev.codexfence.engine.internal.history.CellChange;
import dev.codexfence.engine.internal.history.CellHistory;
import dev.codexfence.engine.internal.history.CellObservation;
import dev.codexfence.engine.internal.history.ChangeDirection;
import dev.codexfence.engine.internal.history.LineHistory;
import dev.codexfence.engine.internal.history.ReleaseColumn;
import dev.codexfence.engine.internal.history.StepSummary;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history view of the fence map: per host line, the release steps with their changes summarised, and a
 * table with a row per probe × mode and a column per release (version order), each cell showing that
 * release's observation, a changed one marked by the way it moved.
 *
 * <p>Every history cell is a {@code <td class="hcell">} with {@code data-line} (host line index),
 * {@code data-release}, {@code data-probe}, {@code data-mode}, {@code data-capability}, {@code data-state}
 * ({@code observed}, {@code conflict}, {@code harness}, {@code absent}), {@code data-result} and
 * {@code data-errno} (of an observed cell), {@code data-change} (the {@link ChangeDirection} id when the
 * observation differs from the release before that observed it, else empty), {@code data-drift}, and, when it
 * has records, {@code data-stack} and {@code data-records} (the matrix's stack index and the page's record
 * indexes, so that a click opens them in the detail panel). Rows are {@code <tr class="hrow">} with
 * {@code data-changed}; the check box {@code .changed-only} shows only rows that changed (on by default).
 */
final class HistoryHtml {

    private HistoryHtml() {}

    static void render(StringBuilder sb, FenceMap map) {
        Map<BoundaryObject, Integer> index = new IdentityHashMap<>();
        map.records().forEach(m -> index.put(m.record(), m.index()));
        List<LineHistory> lines =
                map.history().lines().stream().filter(LineHistory::hasHistory).toList();
        sb.append("<section id=\"history\">\n<h2>History across codex releases</h2>\n");
        sb.append("<p class=\"history-note\">Each row is one probe in one mode, each column a codex release in version"
                + " order. A marked cell observed something else than the release before it that ran the probe:"
                + " <span class=\"hmark\" data-legend=\"looser\">now allowed</span> <span class=\"hmark\""
                + " data-legend=\"tighter\">now denied</span> <span class=\"hmark\" data-legend=\"errno\">errno only</span>"
                + " <span class=\"hmark\" data-legend=\"other\">changed</span>. Click a cell for its records.</p>\n");
        for (int i = 0; i < lines.size(); i++) {
            line(sb, map, index, i, lines.get(i));
        }
        sb.append("</section>\n");
    }

    private static void line(
            StringBuilder sb, FenceMap map, Map<BoundaryObject, Integer> index, int n, LineHistory line) {
        sb.append("<div class=\"history-line\" data-line=\"")
                .append(n)
                .append("\" data-host=\"")
                .append(esc(line.host().label()))
                .append("\">\n<h3>")
                .append(esc(line.host().label()))
                .append("</h3>\n");
        sb.append("<p>")
                .append(line.cells().size())
                .append(" probe × mode cells over ")
                .append(line.releases().size())
                .append(" releases: <b>")
                .append(line.changed().size())
                .append(" changed</b>");
        if (!line.conflicted().isEmpty()) {
            sb.append(", <span class=\"conflict-mark\">")
                    .append(line.conflicted().size())
                    .append(" with records that disagree</span>");
        }
        sb.append("</p>\n<ul class=\"steps\">\n");
        for (StepSummary s : line.steps()) {
            sb.append("<li class=\"step\" data-from=\"")
                    .append(esc(s.from().label()))
                    .append("\" data-to=\"")
                    .append(esc(s.to().label()))
                    .append("\" data-adjacent=\"")
                    .append(s.adjacent())
                    .append("\" data-changed=\"")
                    .append(s.cells().size())
                    .append("\">between <b>")
                    .append(esc(s.from().label()))
                    .append("</b> and <b>")
                    .append(esc(s.to().label()))
                    .append("</b>");
            List<String> fromInterfaces = column(line, s.from()).interfaces();
            List<String> toInterfaces = column(line, s.to()).interfaces();
            if (!fromInterfaces.isEmpty() && !toInterfaces.isEmpty() && !fromInterfaces.equals(toInterfaces)) {
                sb.append(" <small>(")
                        .append(esc(String.join(", ", fromInterfaces)))
                        .append(" → ")
                        .append(esc(String.join(", ", toInterfaces)))
                        .append(")</small>");
            }
            if (!s.adjacent()) {
                sb.append(" (cells not observed in between)");
            }
            sb.append(": ");
            if (s.cells().isEmpty()) {
                sb.append("no cell changed</li>\n");
                continue;
            }
            List<String> ways = new ArrayList<>();
            s.directions().forEach((d, c) -> ways.add(c + " " + d.words()));
            sb.append(s.cells().size())
                    .append(s.cells().size() == 1 ? " cell" : " cells")
                    .append(" changed (")
                    .append(esc(String.join(", ", ways)))
                    .append(")\n<ul>");
            for (StepSummary.ChangeGroup g : s.groups()) {
                sb.append("<li class=\"group\" data-direction=\"")
                        .append(g.direction().id())
                        .append("\">")
                        .append(g.cells().size())
                        .append(" × ")
                        .append(esc(g.describe()))
                        .append("</li>");
            }
            sb.append("</ul></li>\n");
        }
        sb.append("</ul>\n<label><input type=\"checkbox\" class=\"changed-only\" data-line=\"")
                .append(n)
                .append("\" checked> only the probe × mode cells that changed</label>\n");
        sb.append("<table class=\"history changed-only\" data-line=\"")
                .append(n)
                .append("\">\n<thead><tr><th class=\"probe\">probe [mode]</th>");
        for (ReleaseColumn r : line.releases()) {
            sb.append("<th data-release=\"")
                    .append(esc(r.release().label()))
                    .append("\">")
                    .append(esc(r.release().label()));
            if (!r.interfaces().isEmpty()) {
                sb.append("<small>")
                        .append(esc(String.join(", ", r.interfaces())))
                        .append("</small>");
            }
            sb.append("</th>");
        }
        sb.append("</tr></thead>\n");
        String capability = null;
        for (CellHistory c : line.cells()) {
            if (!c.capabilityId().equals(capability)) {
                if (capability != null) {
                    sb.append("</tbody>\n");
                }
                capability = c.capabilityId();
                String cap = capability;
                boolean changed = line.cells().stream()
                        .anyMatch(x -> x.capabilityId().equals(cap) && (x.changed() || x.conflicted()));
                sb.append("<tbody data-capability=\"")
                        .append(esc(capability))
                        .append("\" data-changed=\"")
                        .append(changed)
                        .append("\"><tr class=\"hcap\"><th colspan=\"")
                        .append(line.releases().size() + 1)
                        .append("\">")
                        .append(esc(capability))
                        .append("</th></tr>\n");
            }
            row(sb, map, index, n, line, c);
        }
        if (capability != null) {
            sb.append("</tbody>\n");
        }
        sb.append("</table>\n</div>\n");
    }

    private static ReleaseColumn column(LineHistory line, dev.codexfence.engine.internal.stack.Release release) {
        return line.releases().stream()
                .filter(r -> r.release().equals(release))
                .findFirst()
                .orElseThrow();
    }

    private static void row(
            StringBuilder sb,
            FenceMap map,
            Map<BoundaryObject, Integer> index,
            int n,
            LineHistory line,
            CellHistory c) {
        sb.append("<tr class=\"hrow\" data-probe=\"")
                .append(esc(c.probeId()))
                .append("\" data-mode=\"")
                .append(esc(c.mode()))
                .append("\" data-changed=\"")
                .append(c.changed() || c.conflicted())
                .append("\"><th class=\"probe\"><code>")
                .append(esc(c.probeId()))
                .append("</code> [")
                .append(esc(c.mode()))
                .append("]</th>");
        for (CellObservation o : c.observations()) {
            CellChange change = c.changes().stream()
                    .filter(x -> x.to().equals(o.release()))
                    .findFirst()
                    .orElse(null);
            sb.append("<td class=\"hcell\" data-line=\"")
                    .append(n)
                    .append("\" data-release=\"")
                    .append(esc(o.release().label()))
                    .append("\" data-capability=\"")
                    .append(esc(c.capabilityId()))
                    .append("\" data-probe=\"")
                    .append(esc(c.probeId()))
                    .append("\" data-mode=\"")
                    .append(esc(c.mode()))
                    .append("\" data-state=\"")
                    .append(o.state().id())
                    .append("\" data-result=\"")
                    .append(o.outcome() == null ? "" : o.outcome().result().id())
                    .append("\" data-errno=\"")
                    .append(esc(
                            o.outcome() == null || o.outcome().errno() == null
                                    ? ""
                                    : o.outcome().errno()))
                    .append("\" data-change=\"")
                    .append(change == null ? "" : change.direction().id())
                    .append('"');
            List<Integer> records = new ArrayList<>();
            o.records().forEach(l -> {
                Integer i = index.get(l.record());
                if (i != null) {
                    records.add(i);
                }
            });
            boolean drifted =
                    records.stream().anyMatch(i -> map.records().get(i).drifted());
            sb.append(" data-drift=\"").append(drifted).append('"');
            if (!records.isEmpty()) {
                StackIdentity stack =
                        StackIdentity.of(o.records().get(0).record().stack());
                int stackIndex = map.stacks().stream()
                        .filter(s -> s.key().equals(stack))
                        .findFirst()
                        .map(FenceMap.StackColumns::index)
                        .orElse(-1);
                sb.append(" data-stack=\"")
                        .append(stackIndex)
                        .append("\" data-records=\"")
                        .append(String.join(
                                " ", records.stream().map(String::valueOf).toList()))
                        .append("\" tabindex=\"0\"");
            }
            if (change != null) {
                sb.append(" title=\"")
                        .append(esc("since " + change.from().label() + ": " + change.transition() + " ("
                                + change.direction().words() + ")"))
                        .append('"');
            }
            sb.append('>');
            if (change != null) {
                sb.append("<span class=\"hmark\" data-legend=\"")
                        .append(change.direction().id())
                        .append("\">◆</span> ");
            }
            sb.append(esc(o.text()));
            if (drifted) {
                sb.append(" <span class=\"drift-mark\">⚠</span>");
            }
            sb.append("</td>");
        }
        sb.append("</tr>\n");
    }
}
