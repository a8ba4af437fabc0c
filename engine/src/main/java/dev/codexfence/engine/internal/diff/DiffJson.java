package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import org.apiguardian.api.API;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine rendering of a {@link RunDiff} ({@code --diff --json}): one JSON object, documented in
 * docs/fence-map.md.
 */
@API(status = INTERNAL, since = "0.1")
public final class DiffJson {

    /** The version of this JSON shape. */
    public static final String FORMAT = "cfdiff-v1";

    private DiffJson() {}

    public static ObjectNode tree(RunDiff diff) {
        ObjectNode root = FenceJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("equal", diff.equal());
        root.put("paired_by_stack", diff.pairedByStack());
        ArrayNode across = root.putArray("across_releases");
        for (ReleaseStep step : diff.acrossReleases()) {
            ObjectNode n = across.addObject();
            n.set("host", host(step.host()));
            n.put("old", step.from().version());
            n.put("new", step.to().version());
        }
        root.set("old", side(diff.before()));
        root.set("new", side(diff.after()));
        ObjectNode counts = root.putObject("counts");
        for (DiffEntry.Kind k : DiffEntry.Kind.values()) {
            counts.put(k.id(), diff.count(k));
        }
        counts.put("unchanged", diff.unchanged());
        ArrayNode caps = root.putArray("capabilities");
        for (CapabilityDiff cap : diff.capabilities()) {
            ObjectNode c = caps.addObject();
            c.put("id", cap.capabilityId());
            ArrayNode entries = c.putArray("entries");
            for (DiffEntry e : cap.entries()) {
                entries.add(entry(e));
            }
        }
        return root;
    }

    public static String render(RunDiff diff) {
        return FenceJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(diff)) + "\n";
    }

    private static ObjectNode side(RunDiff.Side side) {
        ObjectNode s = FenceJson.MAPPER.createObjectNode();
        ArrayNode sources = s.putArray("sources");
        side.sources().forEach(sources::add);
        s.put("records", side.records());
        ArrayNode stacks = s.putArray("stacks");
        side.stacks().forEach(k -> stacks.add(stack(k)));
        return s;
    }

    private static ObjectNode stack(StackIdentity k) {
        ObjectNode n = FenceJson.MAPPER.createObjectNode();
        n.put("platform", k.platform());
        n.put("codex_cli_version", k.release().version());
        n.put("os", k.host().os());
        n.put("uid", k.host().uid());
        return n;
    }

    /** A host line as JSON: {@code {"platform","os","uid"}}. */
    public static ObjectNode host(HostLine h) {
        ObjectNode n = FenceJson.MAPPER.createObjectNode();
        n.put("platform", h.platform());
        n.put("os", h.os());
        n.put("uid", h.uid());
        return n;
    }

    private static ObjectNode entry(DiffEntry e) {
        ObjectNode n = FenceJson.MAPPER.createObjectNode();
        n.put("kind", e.kind().id());
        n.put("probe", e.probeId());
        n.put("mode", e.mode());
        if (e.stack() == null) {
            n.putNull("stack");
        } else {
            n.set("stack", stack(e.stack()));
        }
        ObjectNode changes = n.putObject("changes");
        for (FieldChange c : e.changes()) {
            ObjectNode f = changes.putObject(c.field());
            f.put("old", c.before());
            f.put("new", c.after());
        }
        n.set("old", result(e.before()));
        n.set("new", result(e.after()));
        return n;
    }

    private static ObjectNode result(RecordLine line) {
        if (line == null) {
            return null;
        }
        BoundaryObject.Result r = line.record().result();
        ObjectNode n = FenceJson.MAPPER.createObjectNode();
        n.put("source", line.source());
        n.put("line", line.lineNumber());
        n.put("observed_result", r.observedResult().id());
        n.put("errno", r.errno());
        n.put("message", r.message());
        return n;
    }
}
