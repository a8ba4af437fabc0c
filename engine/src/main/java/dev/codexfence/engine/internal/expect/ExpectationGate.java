package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * The drift gate of one run: picks the expectations file for each record's stack (once per stack), checks
 * records against it, and sums up at the end what was checked, what was not listed and which entries name
 * no probe. Safe to use from parallel probe runs.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationGate {

    private static final int NAMES_SHOWN = 10;

    private final boolean enabled;
    private final UnlistedPolicy policy;
    private final Expectations fixed;
    private final ExpectationsFolder folder;
    /** By platform, release and sandbox interface: what decides which file applies. */
    private final Map<List<Object>, Optional<Expectations>> chosen = new ConcurrentHashMap<>();

    private final Map<String, Use> uses = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> warnings = Collections.synchronizedMap(new LinkedHashMap<>());

    private ExpectationGate(boolean enabled, UnlistedPolicy policy, Expectations fixed, ExpectationsFolder folder) {
        this.enabled = enabled;
        this.policy = policy;
        this.fixed = fixed;
        this.folder = folder;
    }

    /** Reads the configured file or the folder now, so that a broken file fails the run before any probe runs. */
    public static ExpectationGate open(ExpectationSettings settings) {
        if (!settings.enabled()) {
            return disabled();
        }
        if (settings.file().isPresent()) {
            Path file = settings.file().get();
            if (!Files.exists(file)) {
                throw new ExpectationsException(file + ": the configured expectations file does not exist");
            }
            return new ExpectationGate(true, settings.unlisted(), new ExpectationsReader().read(file), null);
        }
        Path dir = settings.directory().orElseGet(ExpectationsFolder::defaultDirectory);
        if (settings.directory().isPresent() && !Files.isDirectory(dir)) {
            throw new ExpectationsException(dir + ": the configured expectations folder does not exist");
        }
        return new ExpectationGate(true, settings.unlisted(), null, ExpectationsFolder.load(dir));
    }

    /** A gate that checks nothing. */
    public static ExpectationGate disabled() {
        return new ExpectationGate(false, UnlistedPolicy.WARN, null, null);
    }

    /** The expectations that apply to records made on {@code stack}, if any. */
    public Optional<Expectations> expectationsFor(BoundaryObject.Stack stack) {
        if (!enabled) {
            return Optional.empty();
        }
        StackIdentity id = StackIdentity.of(stack);
        String sandboxInterface = stack.sandboxInterface();
        return chosen.computeIfAbsent(Arrays.asList(id.platform(), id.release(), sandboxInterface), key -> {
            if (fixed != null) {
                if (!fixed.matches(id, sandboxInterface)) {
                    String records = Expectations.describeStack(id.platform(), id.release(), sandboxInterface);
                    warnings.putIfAbsent(
                            fixed.source() + " " + records,
                            "expectations " + fixed.source() + " are for " + fixed.describeStack()
                                    + ", but records of this run come from " + records);
                }
                return Optional.of(fixed);
            }
            Optional<Expectations> found = folder.find(stack);
            if (found.isEmpty() && !folder.files().isEmpty()) {
                String plain = Expectations.describeStack(id.platform(), id.release(), null);
                warnings.putIfAbsent(
                        "none " + plain,
                        "no expectations for " + plain + " in "
                                + folder.directory() + " (it has "
                                + String.join(
                                        "; ",
                                        folder.files().stream()
                                                .map(Expectations::describeStack)
                                                .toList()) + "): these records were checked against"
                                + " their contract only; record " + id.expectationsFileName()
                                + " to gate this stack too");
            }
            return found;
        });
    }

    /** Checks a record (of a run that honoured the probe contract) against its expectation. */
    public Verdict check(BoundaryObject record) {
        Optional<Expectations> applicable = expectationsFor(record.stack());
        if (applicable.isEmpty()) {
            return new Verdict.NotApplicable();
        }
        Expectations e = applicable.get();
        Use use = uses.computeIfAbsent(e.source(), k -> new Use(e));
        use.checked.incrementAndGet();
        String probe = record.probe().id();
        String mode = record.run().mode();
        Optional<ExpectedOutcome> expected = e.find(probe, mode);
        if (expected.isEmpty()) {
            use.unlisted.add(probe + " [" + mode + "]");
            return new Verdict.Unlisted(probe, mode, e.source(), ExpectedOutcome.observedIn(record.result()));
        }
        if (!expected.get().admits(record.result())) {
            use.drifted.incrementAndGet();
            return new Verdict.Drifted(new Drift(probe, mode, e.source(), expected.get(), record.result()));
        }
        return new Verdict.Met(e.source());
    }

    /**
     * Checks a record as a test does: a drift, or an unlisted run under {@link UnlistedPolicy#FAIL}, throws;
     * an unlisted run under {@link UnlistedPolicy#WARN} returns the note to publish.
     *
     * @throws AssertionFailedError with the expected and observed outcomes
     */
    public Optional<String> verify(BoundaryObject record) {
        Verdict v = check(record);
        if (v instanceof Verdict.Drifted d) {
            throw new AssertionFailedError(
                    d.drift().message(),
                    d.drift().expected().text(),
                    ExpectedOutcome.observedIn(record.result()).text());
        }
        if (v instanceof Verdict.Unlisted u) {
            if (policy == UnlistedPolicy.FAIL) {
                throw new AssertionFailedError(u.message() + " (codex-fence.expectations.unlisted=fail)");
            }
            return Optional.of(u.message());
        }
        return Optional.empty();
    }

    /**
     * Sums up the run: which files were used and how, the unlisted runs, and the entries of the used files
     * whose probe has no script ({@code <id>.sh}) in any of {@code probeRoots}.
     */
    public Summary finish(Collection<Path> probeRoots) {
        List<FileUse> files = new ArrayList<>();
        synchronized (uses) {
            for (Use u : uses.values()) {
                List<String> without = probeRoots.isEmpty()
                        ? List.of()
                        : u.expectations.probes().keySet().stream()
                                .filter(p ->
                                        probeRoots.stream().noneMatch(root -> Files.exists(root.resolve(p + ".sh"))))
                                .sorted()
                                .toList();
                List<String> notListed;
                synchronized (u.unlisted) {
                    notListed = u.unlisted.stream().sorted().toList();
                }
                files.add(new FileUse(
                        u.expectations.source(),
                        u.expectations.describeStack(),
                        u.checked.get(),
                        u.drifted.get(),
                        notListed,
                        without));
            }
        }
        List<String> notes;
        synchronized (warnings) {
            notes = List.copyOf(warnings.values());
        }
        return new Summary(files, notes, policy);
    }

    private static final class Use {
        final Expectations expectations;
        final AtomicInteger checked = new AtomicInteger();
        final AtomicInteger drifted = new AtomicInteger();
        final List<String> unlisted = Collections.synchronizedList(new ArrayList<>());

        Use(Expectations expectations) {
            this.expectations = expectations;
        }
    }

    /**
     * How one file was used.
     *
     * @param stack the stack the file is about ({@code linux, codex 0.169.0 (sandbox-profile)})
     * @param checked records checked against it
     * @param drifted records that contradicted it
     * @param unlisted the runs ({@code probe [mode]}) it lists nothing for
     * @param withoutProbe its entries whose probe has no script in the run's probe roots
     */
    public record FileUse(
            String source, String stack, int checked, int drifted, List<String> unlisted, List<String> withoutProbe) {}

    /** The end of a run, as far as expectations go. */
    public record Summary(List<FileUse> files, List<String> warnings, UnlistedPolicy policy) {

        /** One line per file (and warning) for stderr; empty when no file applied. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(warnings);
            for (FileUse f : files) {
                StringBuilder sb = new StringBuilder("expectations ")
                        .append(f.source())
                        .append(": ")
                        .append(f.checked())
                        .append(f.checked() == 1 ? " run" : " runs")
                        .append(" checked, ")
                        .append(f.drifted())
                        .append(" drifted");
                if (!f.unlisted().isEmpty()) {
                    sb.append(", ")
                            .append(f.unlisted().size())
                            .append(" not listed: ")
                            .append(names(f.unlisted()));
                }
                if (!f.withoutProbe().isEmpty()) {
                    sb.append("; ")
                            .append(f.withoutProbe().size())
                            .append(f.withoutProbe().size() == 1 ? " entry names" : " entries name")
                            .append(" no probe of this run's probe roots: ")
                            .append(names(f.withoutProbe()));
                }
                lines.add(sb.toString());
            }
            return lines;
        }

        /** Under {@link UnlistedPolicy#FAIL}, why entries without a probe fail the run. */
        public Optional<String> failure() {
            if (policy != UnlistedPolicy.FAIL) {
                return Optional.empty();
            }
            List<String> problems = files.stream()
                    .filter(f -> !f.withoutProbe().isEmpty())
                    .map(f -> f.source() + " lists probes that do not exist: " + names(f.withoutProbe()))
                    .toList();
            return problems.isEmpty()
                    ? Optional.empty()
                    : Optional.of(String.join("\n", problems) + " (codex-fence.expectations.unlisted=fail)");
        }

        private static String names(List<String> names) {
            String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
            return names.size() > NAMES_SHOWN ? shown + ", … (" + (names.size() - NAMES_SHOWN) + " more)" : shown;
        }
    }
}
