package dev.codexfence.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A record as codex-fence holds it: the typed record, its compact JSON (the one line it is, or will be, in an
 * NDJSON file) and where it came from. Records read from NDJSON name their file (or {@code <stdin>}) and line;
 * records a run made name the probe run ({@code fs_write_home_scratch [codex-sandbox]}) and line 0.
 *
 * @param record the typed record
 * @param json the record as one line of JSON, keys in canonical order (the record's component order)
 * @param source the input's name (a path, or {@code <stdin>}), or the probe run that made the record
 * @param lineNumber the 1-based line in that input; 0 for a record that no file holds
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RecordLine(BoundaryObject record, String json, String source, int lineNumber) {

    public RecordLine {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        if (lineNumber < 0) {
            throw new IllegalArgumentException("a line number is 0 or more: " + lineNumber);
        }
    }

    /** {@code run.ndjson:12}; the source alone for a record that no file holds. */
    public String where() {
        return lineNumber == 0 ? source : source + ":" + lineNumber;
    }
}
