package dev.codexfence.engine.internal.probe;

/** A static probe-contract violation found in a probe file, at a 1-based line (0: the file as a whole). */
public record ContractIssue(int line, String message) {

    public String describe() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
