package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Turns a run's records into expectations: one {@link Expectations} per stack, each probe × mode expecting
 * what its record observed ({@code observed_result} and {@code errno}; nothing else of the record, so volatile
 * facts in messages and payloads do not matter). Records the harness made (timeouts, broken contracts, failed
 * preflights) say nothing about the fence and are left out.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsRecorder {

    /** Where the records' outcomes came from, for {@link Expectations#source()}. */
    static final String RECORDED = "recorded";

    private ExpectationsRecorder() {}

    /**
     * @param files one per stack, in the order stacks first appear
     * @param skipped the harness-made records left out, as {@code probe [mode]: reason}
     */
    public record Recording(List<Expectations> files, List<String> skipped) {

        public Recording {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    /** What an expectations file is named by: the platform and release of a {@link StackIdentity}. */
    private record FileKey(String platform, Release release) {}

    public static Recording record(Collection<BoundaryObject> records) {
        Map<FileKey, List<BoundaryObject>> byStack = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (BoundaryObject r : records) {
            if (isHarnessMade(r)) {
                skipped.add(r.probe().id() + " [" + r.run().mode() + "]: "
                        + r.result().message());
                continue;
            }
            StackIdentity id = StackIdentity.of(r.stack());
            byStack.computeIfAbsent(new FileKey(id.platform(), id.release()), k -> new ArrayList<>())
                    .add(r);
        }
        List<Expectations> files = new ArrayList<>();
        byStack.forEach((key, group) -> files.add(expectationsOf(key.platform(), key.release(), group)));
        return new Recording(files, skipped);
    }

    /** Records with {@code operation.category} {@code harness} are made by the harness, not observed by a probe. */
    public static boolean isHarnessMade(BoundaryObject record) {
        return "harness".equals(record.operation().category());
    }

    private static Expectations expectationsOf(String platform, Release release, List<BoundaryObject> records) {
        Set<String> interfaces = new LinkedHashSet<>();
        Map<String, Map<String, ExpectedOutcome>> probes = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        for (BoundaryObject r : records) {
            if (r.stack().sandboxInterface() != null) {
                interfaces.add(r.stack().sandboxInterface());
            }
            ExpectedOutcome outcome = ExpectedOutcome.observedIn(r.result());
            ExpectedOutcome before = probes.computeIfAbsent(r.probe().id(), k -> new LinkedHashMap<>())
                    .putIfAbsent(r.run().mode(), outcome);
            if (before != null && !before.equals(outcome)) {
                conflicts.add(r.probe().id() + " [" + r.run().mode() + "]: " + before + " and " + outcome);
            }
        }
        String provisional = Expectations.describeStack(platform, release, null);
        if (interfaces.size() > 1) {
            throw new ExpectationsException("the records of " + provisional + " use several sandbox interfaces "
                    + interfaces + "; record each interface from its own run");
        }
        if (!conflicts.isEmpty()) {
            throw new ExpectationsException("the records of " + provisional + " observe different outcomes"
                    + " for the same probe and mode (several runs mixed?): " + String.join("; ", conflicts));
        }
        return new Expectations(
                RECORDED,
                platform,
                release,
                interfaces.isEmpty() ? null : interfaces.iterator().next(),
                probes);
    }
}
