package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Writes an expectations file in its diff-friendly layout: the header on two lines, then one line per probe
 * (probes sorted by id, modes in the engine's order), so that a changed expectation is a one-line diff.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsFormat {

    /** Known modes first, in the engine's order; others after them, alphabetically. */
    public static final Comparator<String> MODE_ORDER = Comparator.comparingInt((String m) -> {
                int i = ModeCatalog.knownModes().indexOf(m);
                return i < 0 ? Integer.MAX_VALUE : i;
            })
            .thenComparing(Comparator.naturalOrder());

    private ExpectationsFormat() {}

    public static String format(Expectations expectations) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"schema_version\":")
                .append(json(Expectations.SCHEMA_VERSION))
                .append(",\n");
        sb.append(" \"stack\":{\"platform\":")
                .append(json(expectations.platform()))
                .append(",\"codex_cli_version\":")
                .append(json(expectations.release().version()))
                .append(",\"sandbox_interface\":")
                .append(json(expectations.sandboxInterface()))
                .append("},\n");
        sb.append(" \"probes\":{");
        Map<String, Map<String, ExpectedOutcome>> sorted = new TreeMap<>(expectations.probes());
        boolean first = true;
        for (Map.Entry<String, Map<String, ExpectedOutcome>> probe : sorted.entrySet()) {
            sb.append(first ? "\n  " : ",\n  ").append(json(probe.getKey())).append(":{");
            List<String> modes =
                    probe.getValue().keySet().stream().sorted(MODE_ORDER).toList();
            for (int i = 0; i < modes.size(); i++) {
                sb.append(i == 0 ? "" : ",")
                        .append(json(modes.get(i)))
                        .append(':')
                        .append(json(probe.getValue().get(modes.get(i)).text()));
            }
            sb.append('}');
            first = false;
        }
        sb.append(first ? "}}\n" : "\n }}\n");
        return sb.toString();
    }

    private static String json(String value) {
        return FenceJson.MAPPER.writeValueAsString(value);
    }
}
