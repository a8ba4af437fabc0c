package dev.codexfence.engine.internal.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A static probe-contract violation found in a probe file, at a 1-based line (0: the file as a whole). */
@API(status = INTERNAL, since = "0.1")
public record ContractIssue(int line, String message) {

    public String describe() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
