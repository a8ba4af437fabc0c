package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.mode.BaselineMode;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The human rendering of a {@link FenceHistory} ({@code codex-fence --history}): per host line its releases, a
 * summary per release step (changed cells grouped by operation and transition), then the changed cells by
 * capability, each as its outcomes over release ranges, and the records that disagree. Every text taken from the
 * inputs is one line with control characters escaped ({@link TerminalText}).
 */
@API(status = INTERNAL, since = "0.1")
public final class HistoryText {

    private HistoryText() {}

    public static String render(FenceHistory history) {
        StringBuilder sb = new StringBuilder("codex-fence history\n");
        sb.append("  inputs: ")
                .append(
                        history.sources().isEmpty()
                                ? "(none)"
                                : String.join(
                                        ", ",
                                        history.sources().stream()
                                                .map(TerminalText::line)
                                                .toList()))
                .append(" (")
                .append(history.records())
                .append(history.records() == 1 ? " record" : " records");
        if (history.duplicates() > 0) {
            sb.append(", ")
                    .append(history.duplicates())
                    .append(history.duplicates() == 1 ? " duplicate" : " duplicates")
                    .append(" that agreed collapsed");
        }
        sb.append(")\n");
        if (history.lines().isEmpty()) {
            sb.append("no records: nothing to compare\n");
        }
        for (LineHistory line : history.lines()) {
            line(sb, line);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, LineHistory line) {
        sb.append('\n').append(TerminalText.line(line.host().label())).append('\n');
        if (!line.hasHistory()) {
            ReleaseColumn only = line.releases().get(0);
            sb.append("  one release, ")
                    .append(TerminalText.line(only.label()))
                    .append(": ")
                    .append(only.records())
                    .append(only.records() == 1 ? " record" : " records")
                    .append(", nothing to compare\n");
            conflicts(sb, line);
            return;
        }
        sb.append("  releases: ")
                .append(String.join(
                        " · ",
                        line.releases().stream()
                                .map(r -> TerminalText.line(r.label()))
                                .toList()))
                .append('\n');
        for (ReleaseColumn r : line.releases()) {
            sb.append("    ")
                    .append(TerminalText.line(r.release().label()))
                    .append(": ")
                    .append(r.records())
                    .append(r.records() == 1 ? " record" : " records")
                    .append(" in ")
                    .append(TerminalText.line(String.join(", ", r.modes())));
            if (r.harnessMade() > 0) {
                sb.append("; ")
                        .append(r.harnessMade())
                        .append(r.harnessMade() == 1 ? " run" : " runs")
                        .append(" with only harness-made records");
            }
            sb.append('\n');
        }
        int changed = line.changed().size();
        int conflicted = line.conflicted().size();
        sb.append("  ")
                .append(line.cells().size())
                .append(" probe × mode cells: ")
                .append(changed)
                .append(" changed across releases");
        if (conflicted > 0) {
            sb.append(", ").append(conflicted).append(" with records that disagree");
        }
        sb.append('\n');

        sb.append('\n');
        for (StepSummary step : line.steps()) {
            sb.append("  ").append(stepTitle(line, step)).append(": ");
            if (step.cells().isEmpty()) {
                sb.append("no cell changed\n");
                continue;
            }
            sb.append(step.cells().size()).append(step.cells().size() == 1 ? " cell changed" : " cells changed");
            List<String> ways = new ArrayList<>();
            step.directions().forEach((d, n) -> ways.add(n + " " + d.words()));
            sb.append(" (").append(String.join(", ", ways)).append(")\n");
            for (StepSummary.ChangeGroup g : step.groups()) {
                sb.append("    ")
                        .append(g.cells().size())
                        .append(" × ")
                        .append(TerminalText.line(g.describe()))
                        .append('\n');
            }
        }

        if (changed > 0) {
            sb.append("\n  changed cells, by capability:\n");
            String capability = null;
            for (CellHistory c : line.changed()) {
                if (!c.capabilityId().equals(capability)) {
                    capability = c.capabilityId();
                    sb.append("  ").append(TerminalText.line(capability)).append('\n');
                }
                sb.append("    ~ ")
                        .append(TerminalText.line(c.name()))
                        .append(": ")
                        .append(timeline(c));
                if (c.mode().equals(BaselineMode.NAME)) {
                    // baseline runs without codex: a change there is the host's or the probe's, not the release's
                    sb.append(" [baseline runs no sandbox: the host or the probe changed, not codex]");
                }
                sb.append('\n');
            }
        }
        conflicts(sb, line);
    }

    private static void conflicts(StringBuilder sb, LineHistory line) {
        if (line.conflicted().isEmpty()) {
            return;
        }
        sb.append("\n  records that disagree (the same release, probe and mode observed differently):\n");
        for (CellHistory c : line.conflicted()) {
            for (CellObservation o : c.observations()) {
                if (o.state() == CellObservation.State.CONFLICT) {
                    sb.append("    ! ")
                            .append(TerminalText.line(c.name()))
                            .append(" with ")
                            .append(TerminalText.line(o.release().describe()))
                            .append(": ")
                            .append(TerminalText.line(disagreement(o)))
                            .append('\n');
                }
            }
        }
    }

    /** {@code denied EPERM at a.ndjson:3; success at b.ndjson:9}. */
    static String disagreement(CellObservation o) {
        List<String> parts = new ArrayList<>();
        for (var outcome : o.outcomes()) {
            List<String> where = o.records().stream()
                    .filter(l -> dev.codexfence.engine.internal.diff.MergedRecords.Outcome.of(l.record())
                            .equals(outcome))
                    .map(l -> l.where())
                    .toList();
            parts.add(outcome.text() + " at " + String.join(", ", where));
        }
        return String.join("; ", parts);
    }

    /** {@code between 0.80.0 and 0.120.0 (sandbox-os → sandbox-profile)}; a spanning step says so. */
    static String stepTitle(LineHistory line, StepSummary step) {
        StringBuilder sb = new StringBuilder("between ")
                .append(TerminalText.line(step.from().label()))
                .append(" and ")
                .append(TerminalText.line(step.to().label()));
        ReleaseColumn from = column(line, step.from());
        ReleaseColumn to = column(line, step.to());
        if (!from.interfaces().equals(to.interfaces())
                && !from.interfaces().isEmpty()
                && !to.interfaces().isEmpty()) {
            sb.append(" (")
                    .append(TerminalText.line(String.join(", ", from.interfaces())))
                    .append(" → ")
                    .append(TerminalText.line(String.join(", ", to.interfaces())))
                    .append(')');
        }
        if (!step.adjacent()) {
            sb.append(", cells not observed in the releases between");
        }
        return sb.toString();
    }

    private static ReleaseColumn column(LineHistory line, Release release) {
        return line.releases().stream()
                .filter(r -> r.release().equals(release))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The cell's outcomes over release ranges: {@code denied EACCES (0.40.0–0.80.0) → denied EROFS (0.120.0–0.171.0)},
     * then the releases that did not observe it between its first and last observation.
     */
    static String timeline(CellHistory c) {
        List<String> segments = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        String outcome = null;
        Release first = null;
        Release last = null;
        int firstObserved = -1;
        int lastObserved = -1;
        for (int i = 0; i < c.observations().size(); i++) {
            if (c.observations().get(i).state() == CellObservation.State.OBSERVED) {
                firstObserved = firstObserved < 0 ? i : firstObserved;
                lastObserved = i;
            }
        }
        for (int i = 0; i < c.observations().size(); i++) {
            CellObservation o = c.observations().get(i);
            if (o.state() != CellObservation.State.OBSERVED) {
                if (i > firstObserved && i < lastObserved) {
                    gaps.add(o.release().label()
                            + (o.state() == CellObservation.State.CONFLICT
                                    ? " (records disagree)"
                                    : o.state() == CellObservation.State.HARNESS ? " (harness only)" : ""));
                }
                continue;
            }
            String text = o.outcome().text();
            if (!text.equals(outcome)) {
                if (outcome != null) {
                    segments.add(segment(outcome, first, last));
                }
                outcome = text;
                first = o.release();
            }
            last = o.release();
        }
        if (outcome != null) {
            segments.add(segment(outcome, first, last));
        }
        String text = String.join(" → ", segments);
        if (!gaps.isEmpty()) {
            text += "; not observed in " + String.join(", ", gaps);
        }
        return TerminalText.line(text);
    }

    private static String segment(String outcome, Release first, Release last) {
        return outcome + " (" + (first.equals(last) ? first.label() : first.label() + "–" + last.label()) + ")";
    }
}
