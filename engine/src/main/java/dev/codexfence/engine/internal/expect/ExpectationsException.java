package dev.codexfence.engine.internal.expect;

/** An expectations file that cannot be used, or records that cannot be turned into one; the message says why and where. */
public final class ExpectationsException extends RuntimeException {

    public ExpectationsException(String message) {
        super(message);
    }

    public ExpectationsException(String message, Throwable cause) {
        super(message, cause);
    }
}
