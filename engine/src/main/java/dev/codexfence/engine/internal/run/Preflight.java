package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.mode.CodexNoise;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.engine.internal.record.ContractViolation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks, once per codex mode, that the sandbox can run at all (for writable policies: create a temporary
 * folder in the workspace). When it cannot, a preflight record goes to the log instead of probe records.
 */
final class Preflight {

    /** The pseudo-probe id of preflight records. */
    static final String PROBE_ID = "codex_fence_preflight";
    /**
     * What a preflight record may name as its capability, in order of preference: a failing preflight is about
     * running (and writing in) the workspace at all. A catalog with none of them gets no preflight record; the
     * reason the mode is skipped says so.
     */
    static final List<String> CAPABILITIES = List.of("cap_fs_write_workspace_tree", "cap_sandbox_default_deny");

    private final RunSession session;
    private final RunStack stack;

    Preflight(RunSession session, RunStack stack) {
        this.session = session;
        this.stack = stack;
    }

    Optional<String> check(RunMode mode) {
        Path ws = null;
        try {
            ws = session.workspaces().fresh(PROBE_ID, mode.name());
            Optional<List<String>> argv = mode.preflight(ws);
            if (argv.isEmpty()) {
                return Optional.empty();
            }
            ProcessRunner.Outcome o = session.runner()
                    .run(new ProcessRunner.Spec(
                            argv.get(),
                            ws,
                            session.environmentFor(mode, ws),
                            session.settings().timeout(),
                            1 << 16,
                            1 << 16,
                            session.settings().cancelled()));
            if (o.exitCode() == 0) {
                return Optional.empty();
            }
            String stderr = CodexNoise.strip(RunSession.text(o.stderr())).strip();
            String command = ShellQuote.join(argv.get());
            String why = "preflight failed for mode " + mode.name() + ": `" + command + "` "
                    + (o.timedOut() ? "timed out" : "exited " + o.exitCode()) + (stderr.isEmpty() ? "" : ": " + stderr);
            Optional<String> capability = CAPABILITIES.stream()
                    .filter(id -> session.assembler().catalog().find(id).isPresent())
                    .findFirst();
            if (capability.isEmpty()) {
                return Optional.of(why + " (no preflight record: the catalog has none of " + CAPABILITIES + ")");
            }
            record(mode, ws, capability.get(), command, why, o.timedOut() ? null : o.exitCode(), stderr);
            return Optional.of(why);
        } catch (IOException e) {
            return Optional.of("preflight for mode " + mode.name() + " could not start: " + e.getMessage());
        } finally {
            session.workspaces().discard(ws);
        }
    }

    private void record(
            RunMode mode, Path ws, String capability, String command, String why, Integer exit, String stderr) {
        try {
            var observation = HarnessRecords.error(
                    PROBE_ID,
                    "1",
                    capability,
                    List.of(),
                    mode.name(),
                    ws.toString(),
                    command,
                    "preflight_failed",
                    why,
                    null,
                    exit,
                    null,
                    stderr.isEmpty() ? null : stderr);
            session.log()
                    .append(session.assembler()
                            .complete(
                                    observation,
                                    new dev.codexfence.engine.internal.record.RecordAssembler.Expectation(
                                            PROBE_ID, mode.name(), stack.stackFor(mode))));
        } catch (ContractViolation e) {
            throw new IllegalStateException("the harness made an invalid preflight record: " + e.getMessage(), e);
        }
    }
}
