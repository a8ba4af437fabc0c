package dev.codexfence.engine.internal.ndjson;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.input.InputException;
import dev.codexfence.engine.internal.input.InputFile;
import dev.codexfence.engine.internal.input.InputLimit;
import dev.codexfence.engine.internal.input.LineReader;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.engine.internal.schema.SchemaViolation;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads cfbo-v1 NDJSON (a run's file, several runs concatenated, several hosts concatenated): every non-blank
 * line must be one valid record. All bad lines of all inputs are collected and thrown together as a
 * {@link BadRecordsException}, each with its input name and line number. Each record comes as a
 * {@link RecordLine}: the typed record, its compact JSON in canonical form ({@link RecordJson#line}, the line
 * itself when codex-fence wrote it), the input's name and the line number.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordReader {

    /**
     * The largest NDJSON input read: a whole-corpus run in five modes is about 1.5 MiB, so this holds some forty
     * such runs concatenated, and keeps the records (held in memory to diff or map them) well inside a default heap.
     */
    public static final InputLimit LIMIT = new InputLimit("an NDJSON input", 64 * InputLimit.MIB);

    /**
     * The longest line read: a record is at most the 1 MiB a probe may print, which re-encoding can at most
     * triple (a stray byte becomes U+FFFD), plus the stack and capability facts the harness adds.
     */
    public static final long MAX_LINE_BYTES = 4 * InputLimit.MIB;

    private static final int VIOLATIONS_SHOWN = 3;
    private static final int TEXT_SHOWN = 200;

    private final SchemaValidator schema;

    public RecordReader() {
        this(RecordAssembler.bundledSchema());
    }

    public RecordReader(SchemaValidator schema) {
        this.schema = schema;
    }

    /** The records of every input, in order. */
    public List<RecordLine> readAll(List<Path> files) {
        List<RecordLine> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            readInto(file, records, problems);
        }
        if (!problems.isEmpty()) {
            throw new BadRecordsException(problems);
        }
        return records;
    }

    public List<RecordLine> read(Path file) {
        return readAll(List.of(file));
    }

    /**
     * Reads a stream (standard input, say); {@code name} stands for it in messages. The same caps as for files
     * hold: reading stops after {@link #LIMIT} or at a line longer than {@link #MAX_LINE_BYTES}.
     */
    public List<RecordLine> read(String name, InputStream in) {
        List<RecordLine> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            parse(name, in, records, problems);
        } catch (InputException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(name + ": cannot read (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            throw new BadRecordsException(problems);
        }
        return records;
    }

    private void readInto(Path file, List<RecordLine> records, List<String> problems) {
        try (InputStream in = InputFile.open(file, LIMIT)) {
            parse(file.toString(), in, records, problems);
        } catch (InputException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private void parse(String name, InputStream in, List<RecordLine> records, List<String> problems)
            throws IOException {
        LineReader reader = new LineReader(in, name, MAX_LINE_BYTES, LIMIT);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number = reader.lineNumber();
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = name + ":" + number + ": ";
            JsonNode node;
            try {
                node = FenceJson.MAPPER.readTree(line);
            } catch (JacksonException e) {
                problems.add(where + "not JSON: " + cut(e.getOriginalMessage()));
                continue;
            }
            if (!(node instanceof ObjectNode object)) {
                problems.add(where + "not a cfbo-v1 record: expected a JSON object, got "
                        + node.getNodeType().name().toLowerCase(Locale.ROOT));
                continue;
            }
            List<SchemaViolation> violations = schema.validate(object);
            if (!violations.isEmpty()) {
                StringBuilder sb = new StringBuilder(where)
                        .append("not a cfbo-v1 record (")
                        .append(schema.name())
                        .append("): ");
                for (int i = 0; i < violations.size() && i < VIOLATIONS_SHOWN; i++) {
                    sb.append(i == 0 ? "" : "; ").append(violations.get(i).describe());
                }
                if (violations.size() > VIOLATIONS_SHOWN) {
                    sb.append("; … and ")
                            .append(violations.size() - VIOLATIONS_SHOWN)
                            .append(" more");
                }
                problems.add(sb.toString());
                continue;
            }
            BoundaryObject record;
            try {
                record = RecordJson.record(object);
            } catch (JacksonException e) {
                problems.add(where + "not a cfbo-v1 record: " + cut(e.getOriginalMessage()));
                continue;
            }
            records.add(RecordJson.lineOf(record, name, number));
        }
    }

    private static String cut(String s) {
        String one = String.valueOf(s).replace('\n', ' ').strip();
        return one.length() <= TEXT_SHOWN ? one : one.substring(0, TEXT_SHOWN - 1) + "…";
    }
}
