package dev.codexfence.expect;

import dev.codexfence.record.BoundaryObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a run's records into expectations: one {@link Expectations} per stack, each probe × mode expecting
 * what its record observed ({@code observed_result} and {@code errno}; nothing else of the record, so volatile
 * facts in messages and payloads do not matter). Records the harness made (timeouts, broken contracts, failed
 * preflights) say nothing about the fence and are left out.
 */
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

    public static Recording record(Collection<BoundaryObject> records) {
        Map<List<String>, List<BoundaryObject>> byStack = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (BoundaryObject r : records) {
            if (isHarnessMade(r)) {
                skipped.add(r.probe().id() + " [" + r.run().mode() + "]: " + r.result().message());
                continue;
            }
            byStack.computeIfAbsent(java.util.Arrays.asList(r.stack().platform(), r.stack().codexRelease()),
                    k -> new ArrayList<>()).add(r);
        }
        List<Expectations> files = new ArrayList<>();
        byStack.forEach((key, group) -> files.add(expectationsOf(key.get(0), key.get(1), group)));
        return new Recording(files, skipped);
    }

    /** Records with {@code operation.category} {@code harness} are made by the harness, not observed by a probe. */
    public static boolean isHarnessMade(BoundaryObject record) {
        return "harness".equals(record.operation().category());
    }

    private static Expectations expectationsOf(String platform, String version, List<BoundaryObject> records) {
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
        StackId provisional = new StackId(platform, version, null);
        if (interfaces.size() > 1) {
            throw new ExpectationsException("the records of " + provisional.describe()
                    + " use several sandbox interfaces " + interfaces + "; record each interface from its own run");
        }
        if (!conflicts.isEmpty()) {
            throw new ExpectationsException("the records of " + provisional.describe() + " observe different outcomes"
                    + " for the same probe and mode (several runs mixed?): " + String.join("; ", conflicts));
        }
        StackId stack = new StackId(platform, version, interfaces.isEmpty() ? null : interfaces.iterator().next());
        return new Expectations(RECORDED, stack, probes);
    }
}
