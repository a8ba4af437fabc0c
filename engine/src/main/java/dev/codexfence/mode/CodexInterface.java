package dev.codexfence.mode;

/** The generations of codex's "run a command in the sandbox" interface. */
public enum CodexInterface {
    /** 0.134 and later: {@code codex sandbox [-P NAME] [-C DIR] -- CMD}, OS inferred. */
    SANDBOX_PROFILE("sandbox-profile"),
    /** About 0.46 to 0.133: {@code codex sandbox macos|linux [--full-auto] -- CMD}. */
    SANDBOX_OS("sandbox-os"),
    /** Early 2025: {@code codex debug seatbelt|landlock [--full-auto] CMD}. */
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
