package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.input.InputException;
import dev.codexfence.engine.internal.input.InputFile;
import dev.codexfence.engine.internal.input.InputLimit;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.json.JsonLines;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import dev.codexfence.engine.internal.stack.Release;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads expectations files: JSON syntax, then {@code schema/expectations.schema.json}. A problem is an
 * {@link ExpectationsException} naming the file, the line and what was expected.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsReader {

    /** The largest expectations file read (one stack's file for the whole corpus is about 20 KiB). */
    public static final InputLimit LIMIT = new InputLimit("an expectations file", 16 * InputLimit.MIB);

    private static final int VIOLATIONS_SHOWN = 5;

    private final SchemaValidator schema;

    public ExpectationsReader() {
        this.schema = bundledSchema();
    }

    /** The bundled cfexp-v1 schema. */
    public static SchemaValidator bundledSchema() {
        return SchemaValidator.of("expectations.schema.json", FenceJson.bundled("schema/expectations.schema.json"));
    }

    /** Reads an expectations file: a regular file (a symlink to one is fine) of at most {@link #LIMIT}. */
    public Expectations read(Path file) {
        String text;
        try {
            text = InputFile.readText(file, LIMIT);
        } catch (InputException e) {
            throw new ExpectationsException(file + ": cannot read the expectations file: it " + e.problem(), e);
        } catch (IOException | RuntimeException e) {
            throw new ExpectationsException(file + ": cannot read the expectations file (" + e + ")", e);
        }
        return parse(file.toString(), text);
    }

    /** Parses an expectations text; {@code source} names it in messages and in the result. */
    public Expectations parse(String source, String text) {
        JsonNode root;
        try {
            root = FenceJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ExpectationsException(
                    source + (line > 0 ? " (line " + line + ")" : "") + ": not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ExpectationsException(source + ": empty file, expected an expectations object");
        }
        List<SchemaViolation> violations = schema.validate(root, JsonLines.index(text));
        if (!violations.isEmpty()) {
            StringBuilder sb = new StringBuilder(source)
                    .append(": not a cfexp-v1 expectations file (")
                    .append(schema.name())
                    .append("):");
            violations.stream()
                    .limit(VIOLATIONS_SHOWN)
                    .forEach(v -> sb.append("\n  ").append(v.describe()));
            if (violations.size() > VIOLATIONS_SHOWN) {
                sb.append("\n  … and ")
                        .append(violations.size() - VIOLATIONS_SHOWN)
                        .append(" more");
            }
            throw new ExpectationsException(sb.toString());
        }
        JsonNode stack = root.get("stack");
        String platform = stack.get("platform").asString();
        Release release = new Release(textOrNull(stack.get("codex_cli_version")));
        String sandboxInterface = textOrNull(stack.get("sandbox_interface"));
        Map<String, Map<String, ExpectedOutcome>> probes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> probe : root.get("probes").properties()) {
            Map<String, ExpectedOutcome> modes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> mode : probe.getValue().properties()) {
                modes.put(mode.getKey(), ExpectedOutcome.parse(mode.getValue().asString()));
            }
            probes.put(probe.getKey(), modes);
        }
        return new Expectations(source, platform, release, sandboxInterface, probes);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
