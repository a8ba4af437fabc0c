package dev.codexfence.record;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes values that look like secrets (private keys, cloud keys, API tokens, "X_TOKEN=…" assignments) from
 * everything the harness writes: records, NDJSON and failure messages. Probes must not read secrets; this is
 * the second line of defence when one does anyway.
 */
public final class Redactor {

    /** What a redacted value is replaced with. */
    public static final String MARK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // a PEM block, also when the snippet was cut before its END line
            new Rule(Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\\z)"),
                    MARK + " private key"),
            new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), MARK),
            new Rule(Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})"), MARK),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), MARK),
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{12,}"), "$1 " + MARK),
            // NAME=value / name: value where the name says it is a secret
            new Rule(Pattern.compile("(?i)\\b([A-Z0-9_.-]*(?:token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|credential)s?[A-Z0-9_.-]*)"
                    + "([\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;\"'}]+)"), "$1$2" + MARK));

    private Redactor() {}

    /** {@code text} with every secret-looking value replaced; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }

    /** Redacts every string value (and object key) in {@code node}, in place. */
    public static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : List.copyOf(object.properties())) {
                JsonNode value = e.getValue();
                String key = redact(e.getKey());
                if (!key.equals(e.getKey())) {
                    object.remove(e.getKey());
                }
                if (value.isString()) {
                    object.put(key, redact(value.asString()));
                } else {
                    redact(value);
                    object.set(key, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, array.stringNode(redact(array.get(i).asString())));
                } else {
                    redact(array.get(i));
                }
            }
        }
    }
}
