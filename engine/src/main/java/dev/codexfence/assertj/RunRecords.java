package dev.codexfence.assertj;

import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordAssembler;
import dev.codexfence.schema.FenceJson;
import dev.codexfence.schema.SchemaValidator;
import dev.codexfence.schema.SchemaViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The records of a run (or any bunch of records) to assert on as a whole, e.g. the NDJSON file a
 * {@code mvn test} or {@code codex-fence} run wrote.
 */
public record RunRecords(List<BoundaryObject> records) {

    public RunRecords {
        records = List.copyOf(records);
    }

    public static RunRecords of(Collection<? extends BoundaryObject> records) {
        return new RunRecords(List.copyOf(records));
    }

    public static RunRecords of(BoundaryObject... records) {
        return new RunRecords(Arrays.asList(records));
    }

    /**
     * Reads an NDJSON file: one cfbo-v1 record per line (blank lines are skipped), each checked against the
     * bundled schema and parsed with {@link FenceJson#MAPPER}.
     *
     * @throws IllegalArgumentException naming the file and line of the first line that is not a cfbo-v1 record
     * @throws UncheckedIOException when the file cannot be read
     */
    public static RunRecords fromNdjson(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read records from " + file + ": " + e.getMessage(), e);
        }
        List<BoundaryObject> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(parse(lines.get(i), file + ":" + (i + 1)));
            }
        }
        return new RunRecords(records);
    }

    private static BoundaryObject parse(String line, String where) {
        JsonNode tree;
        try {
            tree = FenceJson.MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
        }
        List<SchemaViolation> violations = Schema.VALIDATOR.validate(tree);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(where + ": not a cfbo-v1 record: " + violations.get(0).describe()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
        return FenceJson.MAPPER.treeToValue(tree, BoundaryObject.class);
    }

    /** The records that match. */
    public RunRecords filter(Predicate<? super BoundaryObject> predicate) {
        return new RunRecords(records.stream().filter(predicate).toList());
    }

    /** The records of one probe. */
    public RunRecords forProbe(String probeId) {
        return filter(r -> r.probe() != null && probeId.equals(r.probe().id()));
    }

    /** The records whose primary capability is {@code capabilityId}. */
    public RunRecords forCapability(String capabilityId) {
        return filter(r -> r.probe() != null && capabilityId.equals(r.probe().primaryCapabilityId()));
    }

    /** The records of one mode. */
    public RunRecords inMode(String mode) {
        return filter(r -> r.run() != null && mode.equals(r.run().mode()));
    }

    public int size() {
        return records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** The bundled cfbo-v1 schema, loaded on first use. */
    private static final class Schema {
        static final SchemaValidator VALIDATOR = RecordAssembler.bundledSchema();
    }
}
