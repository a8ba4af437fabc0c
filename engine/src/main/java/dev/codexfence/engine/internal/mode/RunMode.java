package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** A connector: how a probe is run in one mode (directly, or through codex under some policy). */
@API(status = INTERNAL, since = "0.1")
public interface RunMode {

    /** The mode's name, as in {@code run.mode} and in test display names. */
    String name();

    /** Why this mode cannot run on this machine; empty when it can. */
    Optional<String> unavailableReason();

    /** The argv running {@code probe} with {@code workspace} as working directory. Only for available modes. */
    List<String> argv(Path probe, Path workspace);

    /**
     * The environment the mode's process gets, from the one the harness prepared ({@code base}). Codex modes that
     * run codex's native binary add what its npm launcher would have added; the others return {@code base}.
     */
    default Map<String, String> environment(Map<String, String> base) {
        return base;
    }

    /** A quick check that the mode works at all (run before its probes), or empty when there is none. */
    Optional<List<String>> preflight(Path workspace);

    /** {@code stack.codex_profile} for records of this mode, or null. */
    String codexProfile();

    /** {@code stack.sandbox_mode} for records of this mode, or null. */
    String sandboxMode();

    /** {@code stack.sandbox_interface} for records of this mode, or null. */
    String sandboxInterface();
}
