package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.expect.ExpectationsFormat;
import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Lays merged records ({@link MergedRecords}) out as a {@link FenceHistory}: per host line, the releases in
 * version order, each probe × mode's observation in each release, and where it changed. A change is counted
 * between two releases that both observed the cell (one outcome each): a release that did not run it, where only
 * the harness spoke, or whose records disagree (a conflict) is stepped over, so a change can span releases.
 */
@API(status = INTERNAL, since = "0.1")
public final class HistoryBuilder {

    private static final Comparator<CellHistory> CELL_ORDER = Comparator.comparing(CellHistory::capabilityId)
            .thenComparing(CellHistory::probeId)
            .thenComparing(CellHistory::mode, ExpectationsFormat.MODE_ORDER);

    private HistoryBuilder() {}

    private record CellKey(String probeId, String mode) {}

    public static FenceHistory build(List<String> sources, List<RecordLine> lines) {
        MergedRecords merged = MergedRecords.merge(lines);
        Map<HostLine, List<MergedRecords.Observation>> byHost = new TreeMap<>(HostLine.ORDER);
        for (MergedRecords.Observation o : merged.observations()) {
            byHost.computeIfAbsent(o.key().stack().host(), h -> new ArrayList<>())
                    .add(o);
        }
        List<LineHistory> histories = new ArrayList<>();
        byHost.forEach((host, observations) -> histories.add(line(host, observations)));
        return new FenceHistory(sources, merged.records(), merged.duplicates(), histories);
    }

    private static LineHistory line(HostLine host, List<MergedRecords.Observation> observations) {
        Set<Release> distinct = new TreeSet<>();
        observations.forEach(o -> distinct.add(o.key().stack().release()));
        List<Release> releases = List.copyOf(distinct);

        List<ReleaseColumn> columns = new ArrayList<>();
        for (Release r : releases) {
            List<MergedRecords.Observation> mine = observations.stream()
                    .filter(o -> o.key().stack().release().equals(r))
                    .toList();
            Set<String> interfaces = new TreeSet<>();
            Set<String> modes = new TreeSet<>(ExpectationsFormat.MODE_ORDER);
            Set<String> from = new LinkedHashSet<>();
            int records = 0;
            for (MergedRecords.Observation o : mine) {
                modes.add(o.key().mode());
                records += o.records().size();
                for (RecordLine l : o.records()) {
                    from.add(l.source());
                    if (l.record().stack().sandboxInterface() != null) {
                        interfaces.add(l.record().stack().sandboxInterface());
                    }
                }
            }
            int harness = (int)
                    mine.stream().filter(MergedRecords.Observation::harnessOnly).count();
            columns.add(new ReleaseColumn(
                    r, List.copyOf(interfaces), records, List.copyOf(modes), harness, List.copyOf(from)));
        }

        Map<CellKey, Map<Release, MergedRecords.Observation>> byCell = new LinkedHashMap<>();
        for (MergedRecords.Observation o : observations) {
            byCell.computeIfAbsent(new CellKey(o.key().probeId(), o.key().mode()), k -> new LinkedHashMap<>())
                    .put(o.key().stack().release(), o);
        }
        List<CellHistory> cells = new ArrayList<>();
        byCell.forEach((key, perRelease) -> cells.add(cell(key, perRelease, releases)));
        cells.sort(CELL_ORDER);
        return new LineHistory(host, columns, cells, steps(cells, releases));
    }

    private static CellHistory cell(
            CellKey key, Map<Release, MergedRecords.Observation> perRelease, List<Release> releases) {
        List<CellObservation> row = new ArrayList<>();
        List<CellChange> changes = new ArrayList<>();
        CellObservation last = null;
        BoundaryObject newest = null;
        for (Release r : releases) {
            MergedRecords.Observation o = perRelease.get(r);
            CellObservation seen = observation(r, o);
            row.add(seen);
            if (o != null) {
                newest = o.preferred().record();
            }
            if (seen.state() != CellObservation.State.OBSERVED) {
                continue;
            }
            if (last != null && !last.outcome().equals(seen.outcome())) {
                changes.add(new CellChange(last.release(), r, last.outcome(), seen.outcome()));
            }
            last = seen;
        }
        BoundaryObject.Operation op = newest.operation();
        return new CellHistory(
                key.probeId(),
                key.mode(),
                newest.probe().primaryCapabilityId(),
                op.category(),
                op.verb(),
                row,
                changes);
    }

    private static CellObservation observation(Release release, MergedRecords.Observation o) {
        if (o == null) {
            return CellObservation.absent(release);
        }
        List<MergedRecords.Outcome> outcomes = o.observed().stream()
                .map(l -> MergedRecords.Outcome.of(l.record()))
                .toList();
        CellObservation.State state = outcomes.isEmpty()
                ? CellObservation.State.HARNESS
                : outcomes.size() > 1 ? CellObservation.State.CONFLICT : CellObservation.State.OBSERVED;
        return new CellObservation(release, state, outcomes, o.records());
    }

    /** One summary per adjacent pair of releases, in order, then the steps that span releases, in order. */
    private static List<StepSummary> steps(List<CellHistory> cells, List<Release> releases) {
        record Step(Release from, Release to) {}
        Map<Step, List<CellHistory>> byStep = new LinkedHashMap<>();
        for (int i = 0; i + 1 < releases.size(); i++) {
            // a step between two releases that observed no cell in common (no codex's baseline cells and a release's
            // codex modes) compares nothing: it is not listed, rather than said to have changed nothing
            if (observedInBoth(cells, i, i + 1)) {
                byStep.put(new Step(releases.get(i), releases.get(i + 1)), new ArrayList<>());
            }
        }
        Map<Step, List<CellHistory>> spanning =
                new TreeMap<>(Comparator.comparing(Step::from).thenComparing(Step::to));
        for (CellHistory c : cells) {
            for (CellChange ch : c.changes()) {
                Step s = new Step(ch.from(), ch.to());
                (byStep.containsKey(s) ? byStep : spanning)
                        .computeIfAbsent(s, k -> new ArrayList<>())
                        .add(c);
            }
        }
        List<StepSummary> steps = new ArrayList<>();
        byStep.forEach((s, changed) -> steps.add(summary(s.from(), s.to(), true, changed)));
        spanning.forEach((s, changed) -> steps.add(summary(s.from(), s.to(), false, changed)));
        return steps;
    }

    private static boolean observedInBoth(List<CellHistory> cells, int a, int b) {
        return cells.stream()
                .anyMatch(c -> c.observations().get(a).state() == CellObservation.State.OBSERVED
                        && c.observations().get(b).state() == CellObservation.State.OBSERVED);
    }

    private static StepSummary summary(Release from, Release to, boolean adjacent, List<CellHistory> cells) {
        record GroupKey(String category, String verb, MergedRecords.Outcome before, MergedRecords.Outcome after) {}
        Map<GroupKey, List<CellHistory>> groups = new LinkedHashMap<>();
        for (CellHistory c : cells) {
            CellChange ch = c.changes().stream()
                    .filter(x -> x.from().equals(from) && x.to().equals(to))
                    .findFirst()
                    .orElseThrow();
            groups.computeIfAbsent(
                            new GroupKey(c.category(), c.verb(), ch.before(), ch.after()), k -> new ArrayList<>())
                    .add(c);
        }
        List<StepSummary.ChangeGroup> list = new ArrayList<>();
        groups.forEach((k, members) ->
                list.add(new StepSummary.ChangeGroup(k.category(), k.verb(), k.before(), k.after(), members)));
        list.sort(Comparator.comparing(StepSummary.ChangeGroup::direction)
                .thenComparing((StepSummary.ChangeGroup g) -> -g.cells().size())
                .thenComparing(StepSummary.ChangeGroup::describe));
        return new StepSummary(from, to, adjacent, cells, list);
    }
}
