package dev.codexfence.cli;

import dev.codexfence.engine.internal.input.InputException;
import dev.codexfence.engine.internal.input.LineReader;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What {@code listen} prints: reads cfbo-v1 NDJSON and prints a human summary: totals, distinct probes, counts per
 * observed result and per mode, the bad lines with their line numbers, then one block per record.
 */
final class ListenSummary {

    private static final List<String> RESULT_ORDER = List.of("success", "denied", "partial", "error");
    private static final int SNIPPET = 100;
    private static final int MESSAGE = 200;
    private static final int VIOLATIONS = 3;

    private final SchemaValidator schema;

    ListenSummary() {
        this(RecordAssembler.bundledSchema());
    }

    ListenSummary(SchemaValidator schema) {
        this.schema = schema;
    }

    private record Good(int line, JsonNode record) {}

    private record Bad(int line, String problem) {}

    /** Summarises {@code in} on {@code out}; 0 when every non-blank line was a valid record, else 1. */
    int run(InputStream in, PrintStream out) throws IOException {
        List<Good> good = new ArrayList<>();
        List<Bad> bad = new ArrayList<>();
        int lineNumber = 0;
        // a line or an input over the NDJSON caps (--listen < /dev/zero) is a bad line that ends the reading
        try (LineReader reader = new LineReader(in, "<stdin>", RecordReader.MAX_LINE_BYTES, RecordReader.LIMIT)) {
            String line;
            while ((line = readLine(reader, bad)) != null) {
                lineNumber = reader.lineNumber();
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = FenceJson.MAPPER.readTree(line);
                } catch (JacksonException e) {
                    bad.add(new Bad(lineNumber, "not JSON: " + cut(String.valueOf(e.getOriginalMessage()), 200)));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    bad.add(new Bad(
                            lineNumber,
                            "not a cfbo-v1 record: expected a JSON object, got "
                                    + (node == null
                                            ? "nothing"
                                            : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
                    continue;
                }
                List<SchemaViolation> violations = schema.validate(node);
                if (!violations.isEmpty()) {
                    StringBuilder sb = new StringBuilder("not a cfbo-v1 record (")
                            .append(schema.name())
                            .append("): ");
                    for (int i = 0; i < violations.size() && i < VIOLATIONS; i++) {
                        sb.append(i == 0 ? "" : "; ").append(violations.get(i).describe());
                    }
                    if (violations.size() > VIOLATIONS) {
                        sb.append("; … and ")
                                .append(violations.size() - VIOLATIONS)
                                .append(" more");
                    }
                    bad.add(new Bad(lineNumber, sb.toString()));
                    continue;
                }
                good.add(new Good(lineNumber, node));
            }
        }
        print(out, good, bad);
        out.flush();
        return bad.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String readLine(LineReader reader, List<Bad> bad) throws IOException {
        try {
            return reader.readLine();
        } catch (InputException e) {
            bad.add(new Bad(reader.lineNumber(), e.problem()));
            return null;
        }
    }

    private static void print(PrintStream out, List<Good> good, List<Bad> bad) {
        Set<String> probes = new LinkedHashSet<>();
        Map<String, Integer> results = new LinkedHashMap<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        for (String r : RESULT_ORDER) {
            results.put(r, 0);
        }
        for (Good g : good) {
            probes.add(text(g.record(), "/probe/id"));
            results.merge(text(g.record(), "/result/observed_result"), 1, Integer::sum);
            modes.merge(text(g.record(), "/run/mode"), 1, Integer::sum);
        }
        out.println("codex-fence listen: " + RunReport.plural(good.size(), "record") + ", "
                + RunReport.plural(probes.size(), "distinct probe") + ", " + RunReport.plural(bad.size(), "bad line"));
        out.println("  results: " + counts(results));
        out.println("  modes:   " + (modes.isEmpty() ? "-" : counts(modes)));
        // concatenated runs of several hosts: one group per stack (platform, codex version, OS)
        Map<String, List<Good>> byStack = new LinkedHashMap<>();
        for (Good g : good) {
            byStack.computeIfAbsent(stack(g.record()), k -> new ArrayList<>()).add(g);
        }
        boolean grouped = byStack.size() > 1;
        if (grouped) {
            out.println("  stacks:  " + byStack.size());
            byStack.forEach((stack, records) -> {
                Map<String, Integer> perStack = new LinkedHashMap<>();
                RESULT_ORDER.forEach(r -> perStack.put(r, 0));
                records.forEach(g -> perStack.merge(text(g.record(), "/result/observed_result"), 1, Integer::sum));
                out.println("    " + stack + ": " + RunReport.plural(records.size(), "record") + " (" + counts(perStack)
                        + ")");
            });
        }
        if (!bad.isEmpty()) {
            out.println();
            for (Bad b : bad) {
                out.println("bad line " + b.line() + ": " + TerminalText.line(b.problem()));
            }
        }
        for (Map.Entry<String, List<Good>> group : byStack.entrySet()) {
            if (grouped) {
                out.println();
                out.println("== stack: " + group.getKey());
            }
            printBlocks(out, group.getValue());
        }
    }

    /** The stack a record was observed on: platform, codex CLI version and OS. */
    private static String stack(JsonNode r) {
        String codex = text(r, "/stack/codex_cli_version");
        return text(r, "/stack/platform") + ", codex " + (codex.equals("-") ? "none" : codex) + ", "
                + text(r, "/stack/os");
    }

    private static void printBlocks(PrintStream out, List<Good> good) {
        for (Good g : good) {
            JsonNode r = g.record();
            out.println();
            out.println("line " + g.line() + ": "
                    + text(r, "/result/observed_result").toUpperCase(java.util.Locale.ROOT) + "  "
                    + text(r, "/probe/id") + " [" + text(r, "/run/mode") + "]");
            out.println("  capability: " + text(r, "/capability_context/primary/id") + " ("
                    + text(r, "/capability_context/primary/category") + ", "
                    + text(r, "/capability_context/primary/layer") + ")");
            out.println(
                    "  operation:  " + text(r, "/operation/verb") + " " + cut(text(r, "/operation/target"), MESSAGE));
            optional(out, "  errno:      ", r, "/result/errno", MESSAGE);
            optional(out, "  message:    ", r, "/result/message", MESSAGE);
            optional(out, "  detail:     ", r, "/result/error_detail", MESSAGE);
            optional(out, "  stdout:     ", r, "/payload/stdout_snippet", SNIPPET);
            optional(out, "  stderr:     ", r, "/payload/stderr_snippet", SNIPPET);
        }
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static void optional(PrintStream out, String label, JsonNode record, String pointer, int max) {
        JsonNode v = record.at(pointer);
        if (v.isString() && !v.asString().isBlank()) {
            out.println(label + cut(v.asString(), max));
        }
    }

    /** A field of the record, as one line with control characters escaped; "-" when absent. */
    private static String text(JsonNode record, String pointer) {
        JsonNode v = record.at(pointer);
        return v.isMissingNode() || v.isNull() ? "-" : TerminalText.line(v.asString());
    }

    /** One line, control characters shown as escapes, at most {@code max} characters. */
    static String cut(String s, int max) {
        String one = TerminalText.line(s.strip());
        if (one.codePointCount(0, one.length()) <= max) {
            return one;
        }
        return one.substring(0, one.offsetByCodePoints(0, max - 1)) + "…";
    }
}
