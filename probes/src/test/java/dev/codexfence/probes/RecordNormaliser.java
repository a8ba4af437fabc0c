package dev.codexfence.probes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites the volatile parts of a cfbo-v1 record to placeholders (docs/boundary_object.md, "Volatile fields"),
 * so that the records of two runs on one machine compare equal field by field. Key order is kept. Each rule
 * works on one record at a time, from facts the record itself carries:
 * <ul>
 *   <li>{@code run.workspace_root} becomes {@value #WORKSPACE} wherever it appears, and its parent (the run's
 *       scratch folder, holding the outside fixtures) {@value #RUN};</li>
 *   <li>a probe id followed by {@code -NUMBER} groups (the {@code $$} and {@code $RANDOM} of scratch names)
 *       becomes {@code ID-}{@value #PID};</li>
 *   <li>in a record that names the harness's outside process ({@code payload.raw.outside_pid} or
 *       {@code host_effect_pid}), that number becomes {@value #OUTSIDE_PID};</li>
 *   <li>in a record whose {@code operation.target} is a loopback {@code HOST:PORT}, that port becomes
 *       {@value #PORT};</li>
 *   <li>the digits of the fields listed in {@link #COUNTS} (counts and child pids of the moment) become
 *       {@value #NUMBER}.</li>
 * </ul>
 */
final class RecordNormaliser {

    static final String WORKSPACE = "<workspace>";
    static final String RUN = "<run>";
    static final String PID = "<pid>";
    static final String OUTSIDE_PID = "<outside-pid>";
    static final String PORT = "<port>";
    static final String NUMBER = "<n>";

    /** Per probe, the fields holding counts or pids that change from run to run on a live machine. */
    static final Map<String, List<String>> COUNTS = Map.of(
            "proc_visible_pid_count",
                    List.of(
                            "/result/message",
                            "/payload/stdout_snippet",
                            "/payload/raw/pid_count",
                            "/payload/raw/foreign_pid_count"),
            "proc_fork_wait_child", List.of("/payload/stdout_snippet", "/payload/raw/child_pid"),
            "proc_ptrace_own_child", List.of("/payload/stdout_snippet"),
            "proc_pid1_environ_readable", List.of("/result/message", "/payload/raw/environ_bytes"),
            "fs_list_home_dir", List.of("/result/message", "/payload/raw/entries"));

    private static final Pattern LOOPBACK_TARGET =
            Pattern.compile("^(?:127\\.0\\.0\\.1|localhost|::1|\\[::1\\]):(\\d{1,5})$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Pattern scratchName;

    /** @param probeIds the ids whose scratch names ({@code ID-$$-$RANDOM}) carry volatile numbers */
    RecordNormaliser(Collection<String> probeIds) {
        if (probeIds.isEmpty()) {
            throw new IllegalArgumentException("a normaliser needs the corpus's probe ids");
        }
        String ids = probeIds.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        scratchName = Pattern.compile("(" + ids + ")(?:-\\d+)+(?![0-9])");
    }

    /** A normalised copy of {@code record}; the record itself is not changed. */
    ObjectNode normalise(JsonNode record) {
        if (!(record instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a record is a JSON object, not " + record.getNodeType());
        }
        ObjectNode copy = object.deepCopy();
        List<UnaryOperator<String>> rules = rulesFor(object);
        rewrite(copy, s -> {
            String out = s;
            for (UnaryOperator<String> rule : rules) {
                out = rule.apply(out);
            }
            return out;
        });
        for (String pointer : COUNTS.getOrDefault(object.at("/probe/id").asString(""), List.of())) {
            maskDigits(copy, pointer);
        }
        return copy;
    }

    private List<UnaryOperator<String>> rulesFor(ObjectNode record) {
        List<UnaryOperator<String>> rules = new ArrayList<>();
        JsonNode ws = record.at("/run/workspace_root");
        if (ws.isString() && !ws.asString().isBlank()) {
            String workspace = ws.asString();
            rules.add(wholePath(workspace, WORKSPACE));
            int slash = workspace.lastIndexOf('/');
            if (slash > 0) {
                rules.add(wholePath(workspace.substring(0, slash), RUN));
            }
        }
        rules.add(s -> scratchName.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "-" + PID)));
        JsonNode raw = record.at("/payload/raw");
        for (String key : List.of("outside_pid", "host_effect_pid")) {
            String pid = raw.path(key).asString("").strip();
            if (pid.matches("[1-9]\\d*")) {
                rules.add(wholeNumber(pid, OUTSIDE_PID));
            }
        }
        Matcher port = LOOPBACK_TARGET.matcher(record.at("/operation/target").asString(""));
        if (port.matches()) {
            rules.add(wholeNumber(port.group(1), PORT));
        }
        return rules;
    }

    /**
     * Replaces {@code path} where it stands as a whole path or a path's leading part: the workspace {@code RUN/b} is
     * not the start of the run's {@code RUN/bin}.
     */
    private static UnaryOperator<String> wholePath(String path, String placeholder) {
        Pattern p = Pattern.compile(Pattern.quote(path) + "(?![A-Za-z0-9._-])");
        return s -> p.matcher(s).replaceAll(Matcher.quoteReplacement(placeholder));
    }

    private static UnaryOperator<String> wholeNumber(String number, String placeholder) {
        Pattern p = Pattern.compile("(?<![0-9])" + Pattern.quote(number) + "(?![0-9])");
        return s -> p.matcher(s).replaceAll(Matcher.quoteReplacement(placeholder));
    }

    private static void maskDigits(ObjectNode record, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = record.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object && object.path(key).isString()) {
            object.put(key, DIGITS.matcher(object.get(key).asString()).replaceAll(NUMBER));
        }
    }

    /** Applies {@code rule} to every string value, in place, keeping key order. */
    private static void rewrite(JsonNode node, UnaryOperator<String> rule) {
        if (node instanceof ObjectNode object) {
            for (var e : List.copyOf(object.properties())) {
                if (e.getValue().isString()) {
                    object.put(e.getKey(), rule.apply(e.getValue().asString()));
                } else {
                    rewrite(e.getValue(), rule);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, array.stringNode(rule.apply(array.get(i).asString())));
                } else {
                    rewrite(array.get(i), rule);
                }
            }
        }
    }
}
