package dev.codexfence.engine.internal.record;

/** A probe run that broke the probe contract: no record, two records, invalid JSON, schema violation, … */
public final class ContractViolation extends Exception {

    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
