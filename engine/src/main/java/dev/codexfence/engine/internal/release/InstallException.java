package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A codex release could not be installed; the message says exactly why (npm's words, the mismatch, …). */
@API(status = INTERNAL, since = "0.1")
public final class InstallException extends Exception {

    public InstallException(String message) {
        super(message);
    }
}
