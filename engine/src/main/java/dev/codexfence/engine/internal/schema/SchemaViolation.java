package dev.codexfence.engine.internal.schema;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One way a JSON document breaks its schema.
 *
 * @param pointer JSON pointer of the offending value ("" for the document root)
 * @param message what the schema expected, in the validator's words
 * @param line 1-based line of the offending value in the source text, or 0 when unknown
 */
@API(status = INTERNAL, since = "0.1")
public record SchemaViolation(String pointer, String message, int line) {

    /** The violation as one line: {@code /a/b (line 3): message}. */
    public String describe() {
        String where = pointer.isEmpty() ? "(root)" : pointer;
        return line > 0 ? where + " (line " + line + "): " + message : where + ": " + message;
    }

    SchemaViolation withLine(int newLine) {
        return new SchemaViolation(pointer, message, newLine);
    }
}
