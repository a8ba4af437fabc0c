package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The generations of codex's "run a command in the sandbox" interface, told apart by the release's own help
 * (never by its version number). docs/engine.md maps each run mode to each generation's flags.
 */
@API(status = INTERNAL, since = "0.1")
public enum CodexInterface {
    /** 0.134 and later: {@code codex sandbox [-P|--permission(s)-profile NAME] [-C DIR] -- CMD}, OS inferred. */
    SANDBOX_PROFILE("sandbox-profile"),
    /**
     * 0.45 to 0.133: {@code codex sandbox linux|macos [--full-auto] -- CMD}; from 0.128 {@code --full-auto} is gone
     * and {@code --permissions-profile NAME} and {@code -C DIR} are there.
     */
    SANDBOX_OS("sandbox-os"),
    /** To 0.42 (0.1.x included): {@code codex debug landlock|seatbelt [--full-auto] [-c k=v] -- CMD}. */
    DEBUG("debug");

    private final String id;

    CodexInterface(String id) {
        this.id = id;
    }

    /** The value recorded as {@code stack.sandbox_interface}. */
    public String id() {
        return id;
    }
}
