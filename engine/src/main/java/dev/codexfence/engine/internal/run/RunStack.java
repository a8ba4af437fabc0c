package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The codex side of a run, for one codex CLI (or none): the modes as that CLI's detection made them, the
 * {@code stack} facts its records carry, and the verdict of each mode's preflight (checked once). A run has one
 * for its configured codex; a run over several codex releases has one more per release
 * ({@link RunSession#openRelease}). Everything else of the run (scratch folder, helpers, workspaces, fixtures,
 * integrity checks, the NDJSON log) is the {@link RunSession}'s and shared.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunStack {

    private final String release;
    private final Map<String, RunMode> modes;
    private final BoundaryObject.Stack stack;
    private final Map<String, Optional<String>> preflights = new ConcurrentHashMap<>();

    /**
     * @param modes the connectors, in order
     * @param stack the stack facts ({@code detect-stack}, plus {@code codex_npm_version} for a release)
     * @param oneOfSeveral whether the run has other stacks (a run over several codex releases), which runs on this
     *     one are then told apart from by its release ({@code codex 0.80.0})
     */
    RunStack(List<RunMode> modes, BoundaryObject.Stack stack, boolean oneOfSeveral) {
        this.release = oneOfSeveral ? StackIdentity.of(stack).release().describe() : null;
        Map<String, RunMode> byName = new LinkedHashMap<>();
        modes.forEach(m -> byName.put(m.name(), m));
        this.modes = byName;
        this.stack = stack;
    }

    /** The identity of the records made on this stack: the host line and the codex release. */
    public StackIdentity identity() {
        return StackIdentity.of(stack);
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

    /** The {@code stack} section of records of {@code mode}: the stack facts with the mode's profile, sandbox and interface. */
    BoundaryObject.Stack stackFor(RunMode mode) {
        return new BoundaryObject.Stack(
                stack.codexCliVersion(),
                stack.codexNpmVersion(),
                mode.codexProfile(),
                mode.sandboxMode(),
                stack.os(),
                stack.platform(),
                stack.uid(),
                stack.isRoot(),
                mode.sandboxInterface());
    }

    /** The preflight verdict of {@code mode}, computed by {@code check} once per mode of this stack. */
    Optional<String> preflight(RunMode mode, Function<RunMode, Optional<String>> check) {
        return preflights.computeIfAbsent(mode.name(), name -> check.apply(mode));
    }
}
