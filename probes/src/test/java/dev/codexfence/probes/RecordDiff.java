package dev.codexfence.probes;

import dev.codexfence.engine.internal.json.FenceJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Field-by-field differences of two records, in document order, then a key-order difference if any. */
final class RecordDiff {

    private RecordDiff() {}

    static List<String> between(String name, JsonNode a, JsonNode b) {
        Map<String, JsonNode> left = leaves(a);
        Map<String, JsonNode> right = leaves(b);
        List<String> out = new ArrayList<>();
        Set<String> pointers = new LinkedHashSet<>(left.keySet());
        pointers.addAll(right.keySet());
        for (String p : pointers) {
            JsonNode x = left.get(p);
            JsonNode y = right.get(p);
            if (x == null || !x.equals(y)) {
                out.add(name + " " + p + ": run 1 " + text(x) + " | run 2 " + text(y));
            }
        }
        if (out.isEmpty() && !new ArrayList<>(left.keySet()).equals(new ArrayList<>(right.keySet()))) {
            out.add(name + ": same values, different key order: run 1 " + left.keySet() + " | run 2 " + right.keySet());
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null ? "(absent)" : FenceJson.MAPPER.writeValueAsString(n);
    }

    /** Every scalar of {@code node} by JSON pointer, in document order; empty containers count as scalars. */
    static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect("", node, out);
        return out;
    }

    private static void collect(String at, JsonNode node, Map<String, JsonNode> out) {
        if (node instanceof ObjectNode o && !o.isEmpty()) {
            for (var e : o.properties()) {
                collect(at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(), out);
            }
        } else if (node instanceof ArrayNode a && !a.isEmpty()) {
            for (int i = 0; i < a.size(); i++) {
                collect(at + "/" + i, a.get(i), out);
            }
        } else {
            out.put(at, node);
        }
    }
}
