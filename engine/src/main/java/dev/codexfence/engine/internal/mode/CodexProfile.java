package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The sandbox policies the codex modes ask for. */
@API(status = INTERNAL, since = "0.1")
public enum CodexProfile {
    READ_ONLY(":read-only", "read-only", false),
    WORKSPACE(":workspace", "workspace-write", false),
    WORKSPACE_NETWORK(null, "workspace-write", true),
    FULL_ACCESS(":danger-full-access", "danger-full-access", false);

    private final String builtinProfile;
    private final String sandboxMode;
    private final boolean network;

    CodexProfile(String builtinProfile, String sandboxMode, boolean network) {
        this.builtinProfile = builtinProfile;
        this.sandboxMode = sandboxMode;
        this.network = network;
    }

    /** The built-in permissions profile name ({@code -P}), or null when only the config form expresses it. */
    public String builtinProfile() {
        return builtinProfile;
    }

    /** The {@code sandbox_mode} config value, also recorded as {@code stack.sandbox_mode}. */
    public String sandboxMode() {
        return sandboxMode;
    }

    public boolean network() {
        return network;
    }

    /** What {@code stack.codex_profile} records. */
    public String recordedProfile() {
        return builtinProfile != null ? builtinProfile : sandboxMode + "+network";
    }
}
