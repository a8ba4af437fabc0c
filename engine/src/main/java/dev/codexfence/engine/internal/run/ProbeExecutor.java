package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.mode.CodexNoise;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.engine.internal.record.ContractViolation;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.record.Redactor;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Runs one probe in one mode, in a fresh workspace, and turns what happened into exactly one record: the
 * probe's own when it honoured the contract, else one the harness makes, with the reason the run failed.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeExecutor {

    /** stdout beyond this is a broken contract (a record is a few KB). */
    static final int STDOUT_LIMIT = 1 << 20;

    static final int STDERR_LIMIT = 1 << 20;
    private static final int SNIPPET = RecordAssembler.SNIPPET_LIMIT;
    /** Exit codes codex itself uses when it fails before running the command (clap usage 2, panic 101, config 1). */
    private static final Set<Integer> CODEX_OWN_EXITS = Set.of(1, 2, 101);
    /**
     * How long codex's own sandbox processes may take to wind down after codex returned: codex 0.120.0 returns
     * while its sandbox's PID-namespace init (a codex-linux-sandbox helper) still runs for some milliseconds
     * (measured: up to 72 ms under load 21).
     */
    static final Duration CODEX_EXIT_GRACE = Duration.ofSeconds(1);

    private final RunSession session;
    private final RunStack stack;

    /** Runs probes on the session's own stack (its configured codex CLI). */
    public ProbeExecutor(RunSession session) {
        this(session, session.stack());
    }

    /** Runs probes on {@code stack}: the session's own, or a release's ({@link RunSession#openRelease}). */
    public ProbeExecutor(RunSession session, RunStack stack) {
        this.session = session;
        this.stack = stack;
    }

    public ProbeRunResult run(ProbeScript probe, RunMode mode) throws IOException {
        Path ws = session.workspaces().fresh(probe.id(), mode.name());
        try {
            List<String> argv = mode.argv(probe.file(), ws);
            String command = ShellQuote.join(argv);
            var env = session.environmentFor(mode, ws);
            HostEffects effects = HostEffects.watch(
                    probe.id(),
                    ws,
                    env,
                    session.fixtures().outsideDir(),
                    session.fixtures().outsidePid());
            // the harness's own files are checked before and after the probe (IntegrityWatch)
            IntegrityWatch.Ticket ticket = session.integrity().begin(stack.runLabel(probe.id(), mode.name()));
            ProcessRunner.Outcome o;
            List<String> tampering;
            try {
                o = session.runner()
                        .run(new ProcessRunner.Spec(
                                argv,
                                ws,
                                env,
                                session.settings().timeout(),
                                STDOUT_LIMIT,
                                STDERR_LIMIT,
                                session.settings().cancelled(),
                                ModeCatalog.isCodexMode(mode.name()) ? CODEX_EXIT_GRACE : Duration.ZERO));
            } finally {
                tampering = session.integrity().end(ticket);
            }
            String stderr = RunSession.text(o.stderr());
            if (ModeCatalog.isCodexMode(mode.name())) {
                stderr = CodexNoise.strip(stderr);
            }
            Context c = new Context(probe, mode, ws, command, o, stderr, effects);
            // a run that may have changed the helpers or other workspaces gets no record of its own making: nothing
            // it printed, declared or left is taken at its word
            ProbeRunResult result = redacted(
                    tampering.isEmpty()
                            ? withLeftovers(classify(c), ws)
                            : harness(c, "harness_integrity", String.join("\n", tampering), o.exitCode()));
            session.log().append(result.record());
            return result;
        } finally {
            session.workspaces().discard(ws);
        }
    }

    /** A probe that passed but left files in its workspace broke the "nothing left behind" rule. */
    private ProbeRunResult withLeftovers(ProbeRunResult r, Path ws) throws IOException {
        if (!r.honouredContract()) {
            return r;
        }
        List<String> left = session.workspaces().leftovers(ws);
        if (left.isEmpty()) {
            return r;
        }
        return new ProbeRunResult(
                r.record(),
                Optional.of("the probe left " + left.size() + " path(s) in its workspace: "
                        + abbreviate(String.join(", ", left), SNIPPET) + " (a probe removes its scratch targets)"),
                r.elapsed());
    }

    /** Failure messages quote stderr: they end up in test reports, so they are redacted like records. */
    private static ProbeRunResult redacted(ProbeRunResult r) {
        return new ProbeRunResult(r.record(), r.failure().map(Redactor::redact), r.elapsed());
    }

    private record Context(
            ProbeScript probe,
            RunMode mode,
            Path ws,
            String command,
            ProcessRunner.Outcome o,
            String stderr,
            HostEffects effects) {}

    private ProbeRunResult classify(Context c) {
        ProcessRunner.Outcome o = c.o();
        if (o.timedOut()) {
            return harness(
                    c,
                    "timeout",
                    "timed out after " + seconds(session.settings().timeout()) + "; the process tree was killed",
                    null);
        }
        if (o.cancelled()) {
            return harness(c, "cancelled", "the run was cancelled; the process tree was killed", null);
        }
        if (o.stdoutDropped() > 0) {
            return harness(
                    c,
                    "stdout_flood",
                    "printed " + (o.stdout().length + o.stdoutDropped())
                            + " bytes on stdout; a probe prints one record",
                    o.exitCode());
        }
        RecordLine record;
        try {
            var expected =
                    new RecordAssembler.Expectation(c.probe().id(), c.mode().name(), stack.stackFor(c.mode()));
            record = session.assembler().assemble(o.stdout(), expected);
            record = c.effects().apply(record, session.assembler(), expected);
        } catch (ContractViolation v) {
            if (looksLikeCodexFailure(c)) {
                return harness(
                        c,
                        "codex_error",
                        "codex failed before the probe ran: `" + c.command() + "` exited " + o.exitCode() + ": "
                                + abbreviate(c.stderr().strip(), SNIPPET),
                        o.exitCode());
            }
            String exit = o.exitCode() == 0 ? "" : " (the probe " + exitText(o.exitCode()) + ")";
            return harness(c, "contract_violation", v.getMessage() + exit, o.exitCode());
        }
        if (o.exitCode() != 0) {
            return new ProbeRunResult(
                    record,
                    Optional.of("the probe " + exitText(o.exitCode())
                            + " after emitting its record (a probe exits 0 whatever the fence decided)"
                            + stderrHint(c.stderr())),
                    o.elapsed());
        }
        if (o.stderrDropped() > 0) {
            return new ProbeRunResult(
                    record,
                    Optional.of("the probe wrote " + (o.stderr().length + o.stderrDropped())
                            + " bytes on stderr; the harness kept the first " + STDERR_LIMIT),
                    o.elapsed());
        }
        if (o.leftBehind() || o.pipesHeldOpen()) {
            return new ProbeRunResult(
                    record,
                    Optional.of("a process the probe started was still running after it"
                            + " exited; the harness killed it (a probe leaves no process behind)"),
                    o.elapsed());
        }
        return new ProbeRunResult(record, Optional.empty(), o.elapsed());
    }

    private boolean looksLikeCodexFailure(Context c) {
        return ModeCatalog.isCodexMode(c.mode().name())
                && c.o().stdout().length == 0
                && CODEX_OWN_EXITS.contains(c.o().exitCode())
                && !c.stderr().isBlank();
    }

    private ProbeRunResult harness(Context c, String kind, String message, Integer exit) {
        ProbeScript p = c.probe();
        String stdout = abbreviate(RunSession.text(c.o().stdout()), SNIPPET);
        String stderr = abbreviate(c.stderr(), SNIPPET);
        var expected = new RecordAssembler.Expectation(p.id(), c.mode().name(), stack.stackFor(c.mode()));
        ContractViolation last = null;
        // what the probe printed goes into the snippets, and a binary or escape-heavy output can push the payload
        // past its cap: the harness keeps less of it (finally none) rather than fail to make the run's record
        for (int budget : HarnessRecords.SNIPPET_BUDGETS) {
            var observation = HarnessRecords.error(
                    p.id(),
                    p.version(),
                    p.primaryCapabilityId(),
                    p.secondaryCapabilityIds(),
                    c.mode().name(),
                    c.ws().toString(),
                    c.command(),
                    kind,
                    abbreviate(message, 2000),
                    kind,
                    exit,
                    HarnessRecords.fit(stdout, budget),
                    HarnessRecords.fit(stderr, budget));
            try {
                RecordLine record = session.assembler().complete(observation, expected);
                return new ProbeRunResult(record, Optional.of(message + stderrHint(c.stderr())), c.o().elapsed());
            } catch (ContractViolation e) {
                last = e;
            }
        }
        throw new IllegalStateException(
                "the harness made an invalid record for " + p.id() + ": " + last.getMessage(), last);
    }

    /** "exited with status 3", or "was killed by signal 9 (exit status 137)" for a shell-style signal status. */
    private static String exitText(int exit) {
        if (exit > 128 && exit < 128 + 65) {
            return "was killed by signal " + (exit - 128) + " (exit status " + exit + ")";
        }
        return "exited with status " + exit;
    }

    private static String stderrHint(String stderr) {
        String s = stderr.strip();
        return s.isEmpty() ? "" : "\nstderr: " + abbreviate(s, SNIPPET);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }

    static String abbreviate(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
