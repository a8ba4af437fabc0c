package dev.codexfence.engine.internal.record;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets from everything the harness writes: records, NDJSON and failure messages. Two kinds:
 * <ul>
 *   <li><b>Known secrets</b>: the values of the environment variables the harness withheld from probes, and of
 *       explicit probe variables with secret-looking names, as far as {@link SecretRule} counts them; each is
 *       removed in every form {@link SecretForms} and {@link KnownSecrets} recognise (plain, any case,
 *       base64, hex, URL-encoded, reversed, spaced out, cut short, split over two strings of a record).</li>
 *   <li><b>Secret-looking values</b> (private keys, cloud keys, API tokens, "X_TOKEN=…" assignments), by their
 *       well-known prefixes and shapes.</li>
 * </ul>
 * Probes must not read secrets (the harness does not hand them any); this is the second line of defence when
 * one does anyway. The known secrets are process-wide: every run session adds the ones it withholds.
 */
@API(status = INTERNAL, since = "0.1")
public final class Redactor {

    /** What a redacted value is replaced with. */
    public static final String MARK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // a PEM block, also when the snippet was cut before its END line
            new Rule(
                    Pattern.compile(
                            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?s:.*?)(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\\z)"),
                    MARK + " private key"),
            new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), MARK),
            new Rule(
                    Pattern.compile(
                            "\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                                    + "|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})"),
                    MARK),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), MARK),
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{12,}"), "$1 " + MARK),
            // NAME=value / name: value where the name says it is a secret
            new Rule(
                    Pattern.compile(
                            "(?i)\\b([A-Z0-9_.-]*(?:token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|credential)s?[A-Z0-9_.-]*)"
                                    + "([\"']?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;\"'}]+)"),
                    "$1$2" + MARK));

    private static volatile KnownSecrets known = KnownSecrets.NONE;

    private Redactor() {}

    /**
     * Learns the values of variables withheld from probes that {@link SecretRule} counts as secrets, except a
     * value probes get anyway: one equal to or inside the value of a variable they are given.
     *
     * @param withheld the variables probes do not get, by name
     * @param passedValues the values of the variables they do get
     */
    public static void learnWithheld(Map<String, String> withheld, Collection<String> passedValues) {
        List<String> secrets = new ArrayList<>();
        withheld.forEach((name, value) -> {
            if (SecretRule.isSecret(name, value, SecretRule.Origin.WITHHELD)
                    && passedValues.stream().noneMatch(p -> p != null && p.contains(value.strip()))) {
                secrets.add(value);
            }
        });
        learn(secrets);
    }

    /** Learns the values of variables passed to probes on purpose whose names say they are secrets. */
    public static void learnPassed(Map<String, String> passed) {
        List<String> secrets = new ArrayList<>();
        passed.forEach((name, value) -> {
            if (SecretRule.isSecret(name, value, SecretRule.Origin.PASSED)) {
                secrets.add(value);
            }
        });
        learn(secrets);
    }

    private static synchronized void learn(List<String> secrets) {
        if (!secrets.isEmpty()) {
            known = known.with(secrets);
        }
    }

    /** The values known as secrets so far. */
    public static Set<String> knownSecrets() {
        return known.values();
    }

    /** {@code text} with every known secret and every secret-looking value replaced; null stays null. */
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
        return known.redact(out);
    }

    /**
     * Redacts every string value (and object key) in {@code node}, in place, and known secrets split over two
     * string values of the tree.
     */
    public static void redact(JsonNode node) {
        KnownSecrets secrets = known;
        if (!secrets.isEmpty()) { // first: each half alone may also be a fragment, which would hide the split
            List<StringSlot> slots = new ArrayList<>();
            collect(node, slots);
            secrets.redactSplitCopies(slots);
        }
        redactStrings(node);
    }

    private static void redactStrings(JsonNode node) {
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
                    redactStrings(value);
                    object.set(key, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, array.stringNode(redact(array.get(i).asString())));
                } else {
                    redactStrings(array.get(i));
                }
            }
        }
    }

    /** A string value of a record tree: a property of an object or an element of an array. */
    private record StringSlot(JsonNode container, String key, int index) implements KnownSecrets.Slot {
        @Override
        public String text() {
            return (key != null ? container.get(key) : container.get(index)).asString();
        }

        @Override
        public void replace(String text) {
            if (container instanceof ObjectNode object) {
                object.put(key, text);
            } else if (container instanceof ArrayNode array) {
                array.set(index, array.stringNode(text));
            }
        }
    }

    private static void collect(JsonNode node, List<StringSlot> slots) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getValue().isString()) {
                    slots.add(new StringSlot(object, e.getKey(), -1));
                } else {
                    collect(e.getValue(), slots);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    slots.add(new StringSlot(array, null, i));
                } else {
                    collect(array.get(i), slots);
                }
            }
        }
    }
}
