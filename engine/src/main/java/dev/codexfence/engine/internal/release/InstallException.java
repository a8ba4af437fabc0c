package dev.codexfence.engine.internal.release;

/** A codex release could not be installed; the message says exactly why (npm's words, the mismatch, …). */
public final class InstallException extends Exception {

    public InstallException(String message) {
        super(message);
    }
}
