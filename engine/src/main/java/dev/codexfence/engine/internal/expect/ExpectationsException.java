package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** An expectations file that cannot be used, or records that cannot be turned into one; the message says why and where. */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsException extends RuntimeException {

    public ExpectationsException(String message) {
        super(message);
    }

    public ExpectationsException(String message, Throwable cause) {
        super(message, cause);
    }
}
