package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.DiffJson;
import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.record.RecordLine;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine rendering of a {@link FenceHistory} ({@code --history --json}): one JSON object, documented in
 * docs/fence-map.md.
 */
@API(status = INTERNAL, since = "0.1")
public final class HistoryJson {

    /** The version of this JSON shape. */
    public static final String FORMAT = "cfhistory-v1";

    private HistoryJson() {}

    public static ObjectNode tree(FenceHistory history) {
        ObjectNode root = FenceJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("changed", history.changed());
        root.put("conflicts", history.conflicts());
        ArrayNode sources = root.putArray("sources");
        history.sources().forEach(sources::add);
        root.put("records", history.records());
        root.put("duplicates", history.duplicates());
        ArrayNode lines = root.putArray("lines");
        for (LineHistory line : history.lines()) {
            lines.add(line(line));
        }
        return root;
    }

    public static String render(FenceHistory history) {
        return FenceJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(history)) + "\n";
    }

    private static ObjectNode line(LineHistory line) {
        ObjectNode n = FenceJson.MAPPER.createObjectNode();
        n.set("host", DiffJson.host(line.host()));
        ArrayNode releases = n.putArray("releases");
        for (ReleaseColumn r : line.releases()) {
            ObjectNode c = releases.addObject();
            c.put("version", r.release().version());
            ArrayNode interfaces = c.putArray("sandbox_interfaces");
            r.interfaces().forEach(interfaces::add);
            c.put("records", r.records());
            ArrayNode modes = c.putArray("modes");
            r.modes().forEach(modes::add);
            c.put("harness_only", r.harnessMade());
            ArrayNode from = c.putArray("sources");
            r.sources().forEach(from::add);
        }
        ArrayNode steps = n.putArray("steps");
        for (StepSummary s : line.steps()) {
            ObjectNode step = steps.addObject();
            step.put("from", s.from().version());
            step.put("to", s.to().version());
            step.put("adjacent", s.adjacent());
            step.put("changed", s.cells().size());
            ObjectNode directions = step.putObject("directions");
            for (ChangeDirection d : ChangeDirection.values()) {
                directions.put(d.id(), s.directions().getOrDefault(d, 0));
            }
            ArrayNode groups = step.putArray("groups");
            for (StepSummary.ChangeGroup g : s.groups()) {
                ObjectNode group = groups.addObject();
                group.put("category", g.category());
                group.put("verb", g.verb());
                group.put("old", g.before().text());
                group.put("new", g.after().text());
                group.put("direction", g.direction().id());
                ArrayNode cells = group.putArray("cells");
                for (CellHistory c : g.cells()) {
                    ObjectNode cell = cells.addObject();
                    cell.put("probe", c.probeId());
                    cell.put("mode", c.mode());
                }
            }
        }
        ArrayNode cells = n.putArray("cells");
        for (CellHistory c : line.cells()) {
            ObjectNode cell = cells.addObject();
            cell.put("probe", c.probeId());
            cell.put("mode", c.mode());
            cell.put("capability", c.capabilityId());
            cell.put("category", c.category());
            cell.put("verb", c.verb());
            cell.put("changed", c.changed());
            ArrayNode observations = cell.putArray("observations");
            for (CellObservation o : c.observations()) {
                ObjectNode obs = observations.addObject();
                obs.put("release", o.release().version());
                obs.put("state", o.state().id());
                ArrayNode outcomes = obs.putArray("outcomes");
                for (MergedRecords.Outcome outcome : o.outcomes()) {
                    ObjectNode x = outcomes.addObject();
                    x.put("observed_result", outcome.result().id());
                    x.put("errno", outcome.errno());
                    ArrayNode where = x.putArray("where");
                    o.records().stream()
                            .filter(l -> MergedRecords.Outcome.of(l.record()).equals(outcome))
                            .map(RecordLine::where)
                            .forEach(where::add);
                }
            }
            ArrayNode changes = cell.putArray("changes");
            for (CellChange ch : c.changes()) {
                ObjectNode x = changes.addObject();
                x.put("from", ch.from().version());
                x.put("to", ch.to().version());
                x.put("old", ch.before().text());
                x.put("new", ch.after().text());
                x.put("direction", ch.direction().id());
            }
        }
        return n;
    }
}
