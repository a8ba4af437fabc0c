package dev.codexfence.run;

import dev.codexfence.mode.RunMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codex side of a run, for one codex CLI (or none): the modes as that CLI's detection made them, the
 * {@code stack} facts its records carry, and the verdict of each mode's preflight (checked once). A run has one
 * for its configured codex; a run over several codex releases has one more per release
 * ({@link RunSession#openRelease}). Everything else of the run (scratch folder, helpers, workspaces, fixtures,
 * integrity checks, the NDJSON log) is the {@link RunSession}'s and shared.
 */
public final class RunStack {

    private final String release;
    private final Map<String, RunMode> modes;
    private final ObjectNode stack;
    private final Map<String, Optional<String>> preflights = new ConcurrentHashMap<>();

    /**
     * @param release how runs on this stack are told apart from the run's others ({@code codex 0.80.0}), or null
     *     when the run has only this one
     * @param modes the connectors, in order
     * @param stack the stack facts ({@code detect-stack}, plus {@code codex_npm_version} for a release)
     */
    RunStack(String release, List<RunMode> modes, ObjectNode stack) {
        this.release = release;
        Map<String, RunMode> byName = new LinkedHashMap<>();
        modes.forEach(m -> byName.put(m.name(), m));
        this.modes = byName;
        this.stack = stack;
    }

    /** {@code codex 0.80.0} for a stack of a run over several releases; empty for a run's only stack. */
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }

    public Optional<RunMode> mode(String name) {
        return Optional.ofNullable(modes.get(name));
    }

    public List<RunMode> modes() {
        return List.copyOf(modes.values());
    }

    /** The name of one probe run on this stack, as messages and integrity findings name it. */
    String runLabel(String probeId, String mode) {
        return probeId + " [" + mode + "]" + (release == null ? "" : " (" + release + ")");
    }

    /** The stack object for records of {@code mode}. */
    ObjectNode stackFor(RunMode mode) {
        ObjectNode s = stack.deepCopy();
        putNullable(s, "codex_profile", mode.codexProfile());
        putNullable(s, "sandbox_mode", mode.sandboxMode());
        putNullable(s, "sandbox_interface", mode.sandboxInterface());
        return s;
    }

    /** The preflight verdict of {@code mode}, computed by {@code check} once per mode of this stack. */
    Optional<String> preflight(RunMode mode, Function<RunMode, Optional<String>> check) {
        return preflights.computeIfAbsent(mode.name(), name -> check.apply(mode));
    }

    private static void putNullable(ObjectNode node, String key, String value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
