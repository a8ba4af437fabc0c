package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Pairs the records of two inputs by probe id and mode (and by stack when either input mixes stacks; by host
 * line when the inputs are different releases of the same hosts, see {@link #releaseSteps}) and reports what appeared, what disappeared and what changed: {@code observed_result}, {@code errno}, and
 * {@code message} when it differs beyond its volatile facts ({@link VolatileText}).
 */
@API(status = INTERNAL, since = "0.1")
public final class RunDiffer {

    private static final Comparator<DiffEntry> ENTRY_ORDER = Comparator.comparing(DiffEntry::probeId)
            .thenComparing(DiffEntry::mode)
            .thenComparing(e -> e.stack() == null ? "" : e.stack().label());

    private RunDiffer() {}

    /** @param group null (pairing by probe and mode), the {@link StackIdentity}, or the {@link HostLine} across releases */
    private record Key(Object group, String probeId, String mode) {}

    public static RunDiff compare(List<RecordLine> before, List<RecordLine> after) {
        return compare(DiffInput.of(before), DiffInput.of(after));
    }

    public static RunDiff compare(DiffInput beforeInput, DiffInput afterInput) {
        List<RecordLine> before = beforeInput.records();
        List<RecordLine> after = afterInput.records();
        Set<StackIdentity> beforeStacks = stacks(before);
        Set<StackIdentity> afterStacks = stacks(after);
        boolean byStack = beforeStacks.size() > 1 || afterStacks.size() > 1;
        List<ReleaseStep> steps = releaseSteps(beforeStacks, afterStacks);
        Function<BoundaryObject, Object> group =
                !byStack ? r -> null : steps.isEmpty() ? r -> StackIdentity.of(r.stack()) : r -> HostLine.of(r.stack());
        List<String> problems = new ArrayList<>();
        Map<Key, RecordLine> old = index(before, group, problems);
        Map<Key, RecordLine> now = index(after, group, problems);
        if (!problems.isEmpty()) {
            throw new BadRecordsException(problems);
        }
        Map<String, List<DiffEntry>> byCapability = new TreeMap<>();
        int unchanged = 0;
        for (Map.Entry<Key, RecordLine> e : old.entrySet()) {
            Key k = e.getKey();
            RecordLine later = now.get(k);
            DiffEntry entry;
            if (later == null) {
                entry = new DiffEntry(
                        DiffEntry.Kind.DISAPPEARED,
                        k.probeId(),
                        k.mode(),
                        stackOf(byStack, e.getValue()),
                        e.getValue(),
                        null,
                        List.of());
            } else {
                List<FieldChange> changes = changes(e.getValue().record(), later.record());
                if (changes.isEmpty()) {
                    unchanged++;
                    continue;
                }
                entry = new DiffEntry(
                        DiffEntry.Kind.CHANGED,
                        k.probeId(),
                        k.mode(),
                        stackOf(byStack, later),
                        e.getValue(),
                        later,
                        changes);
            }
            byCapability
                    .computeIfAbsent(entry.capabilityId(), c -> new ArrayList<>())
                    .add(entry);
        }
        for (Map.Entry<Key, RecordLine> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                Key k = e.getKey();
                DiffEntry entry = new DiffEntry(
                        DiffEntry.Kind.APPEARED,
                        k.probeId(),
                        k.mode(),
                        stackOf(byStack, e.getValue()),
                        null,
                        e.getValue(),
                        List.of());
                byCapability
                        .computeIfAbsent(entry.capabilityId(), c -> new ArrayList<>())
                        .add(entry);
            }
        }
        List<CapabilityDiff> capabilities = new ArrayList<>();
        byCapability.forEach((cap, entries) -> {
            entries.sort(ENTRY_ORDER);
            capabilities.add(new CapabilityDiff(cap, entries));
        });
        return new RunDiff(
                side(beforeInput, beforeStacks),
                side(afterInput, afterStacks),
                byStack,
                steps,
                capabilities,
                unchanged);
    }

    /**
     * When the two sides are different releases of the same hosts (each host line holds one release on each side,
     * and some line's release differs), the step each such line took; else empty. Records are then paired by host
     * line, probe and mode, so that the same probe run of the old and the new release meet.
     */
    static List<ReleaseStep> releaseSteps(Set<StackIdentity> before, Set<StackIdentity> after) {
        Map<HostLine, Set<Release>> old = releasesByHost(before);
        Map<HostLine, Set<Release>> now = releasesByHost(after);
        if (old.values().stream().anyMatch(r -> r.size() != 1)
                || now.values().stream().anyMatch(r -> r.size() != 1)) {
            return List.of();
        }
        List<ReleaseStep> steps = new ArrayList<>();
        for (Map.Entry<HostLine, Set<Release>> e : old.entrySet()) {
            Set<Release> later = now.get(e.getKey());
            if (later != null && !later.equals(e.getValue())) {
                steps.add(new ReleaseStep(
                        e.getKey(),
                        e.getValue().iterator().next(),
                        later.iterator().next()));
            }
        }
        steps.sort(Comparator.comparing(ReleaseStep::host, HostLine.ORDER));
        return steps;
    }

    private static Map<HostLine, Set<Release>> releasesByHost(Set<StackIdentity> stacks) {
        Map<HostLine, Set<Release>> map = new TreeMap<>(HostLine.ORDER);
        stacks.forEach(
                s -> map.computeIfAbsent(s.host(), h -> new LinkedHashSet<>()).add(s.release()));
        return map;
    }

    private static StackIdentity stackOf(boolean byStack, RecordLine line) {
        return byStack ? StackIdentity.of(line.record().stack()) : null;
    }

    static List<FieldChange> changes(BoundaryObject a, BoundaryObject b) {
        List<FieldChange> changes = new ArrayList<>();
        if (a.result().observedResult() != b.result().observedResult()) {
            changes.add(new FieldChange(
                    "observed_result",
                    a.result().observedResult().id(),
                    b.result().observedResult().id()));
        }
        if (!Objects.equals(a.result().errno(), b.result().errno())) {
            changes.add(new FieldChange("errno", a.result().errno(), b.result().errno()));
        }
        if (!Objects.equals(VolatileText.shape(a), VolatileText.shape(b))) {
            changes.add(
                    new FieldChange("message", a.result().message(), b.result().message()));
        }
        return changes;
    }

    private static Set<StackIdentity> stacks(List<RecordLine> lines) {
        Set<StackIdentity> stacks = new LinkedHashSet<>();
        lines.forEach(l -> stacks.add(StackIdentity.of(l.record().stack())));
        return stacks;
    }

    private static Map<Key, RecordLine> index(
            List<RecordLine> lines, Function<BoundaryObject, Object> group, List<String> problems) {
        Map<Key, RecordLine> map = new LinkedHashMap<>();
        for (RecordLine l : lines) {
            BoundaryObject r = l.record();
            Key key = new Key(group.apply(r), r.probe().id(), r.run().mode());
            RecordLine first = map.putIfAbsent(key, l);
            if (first != null) {
                problems.add(l.where() + ": a second record for " + r.probe().id() + " ["
                        + r.run().mode() + "]"
                        + (key.group() != null
                                ? " on " + StackIdentity.of(r.stack()).label()
                                : "") + " (the first is at "
                        + first.where() + "); one input holds one run per stack");
            }
        }
        return map;
    }

    private static RunDiff.Side side(DiffInput input, Set<StackIdentity> stacks) {
        TreeSet<StackIdentity> sorted = new TreeSet<>(StackIdentity.ORDER);
        sorted.addAll(stacks);
        return new RunDiff.Side(input.sources(), input.records().size(), List.copyOf(sorted));
    }
}
