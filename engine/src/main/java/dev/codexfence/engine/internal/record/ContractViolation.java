package dev.codexfence.engine.internal.record;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A probe run that broke the probe contract: no record, two records, invalid JSON, schema violation, … */
@API(status = INTERNAL, since = "0.1")
public final class ContractViolation extends Exception {

    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
