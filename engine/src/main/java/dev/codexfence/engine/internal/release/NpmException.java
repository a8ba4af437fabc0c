package dev.codexfence.engine.internal.release;

/** npm could not do what was asked; the message carries its exit code and its own error lines. */
public final class NpmException extends Exception {

    public NpmException(String message) {
        super(message);
    }
}
