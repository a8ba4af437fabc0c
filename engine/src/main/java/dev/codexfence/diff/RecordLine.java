package dev.codexfence.diff;

import dev.codexfence.record.BoundaryObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * One valid cfbo-v1 record read from an NDJSON input.
 *
 * @param source the input's name (a path, or {@code <stdin>})
 * @param line its 1-based line in that input
 * @param record the typed record
 * @param json the record as read
 */
public record RecordLine(String source, int line, BoundaryObject record, ObjectNode json) {

    /** {@code run.ndjson:12}. */
    public String where() {
        return source + ":" + line;
    }
}
