package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** npm could not do what was asked; the message carries its exit code and its own error lines. */
@API(status = INTERNAL, since = "0.1")
public final class NpmException extends Exception {

    public NpmException(String message) {
        super(message);
    }
}
