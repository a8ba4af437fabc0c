package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.expect.ExpectationsRecorder;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import dev.codexfence.record.RecordLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Records of many NDJSON inputs (several releases, hosts, shards, re-runs) as one set of observations, one per
 * stack × probe × mode ({@link StackIdentity}: platform, codex version, OS, uid).
 *
 * <p>Two records of the same stack × probe × mode <em>agree</em> when they observed the same
 * {@code observed_result} and {@code errno} (messages carry volatile facts and are not compared): the later
 * ones collapse into the first and are counted as duplicates. They <em>disagree</em> when the fence decided
 * otherwise: that observation is a {@linkplain Observation#conflict() conflict}, with every distinct outcome
 * and where it was read. A record the harness made (a timeout, a broken contract, a failed preflight) says
 * nothing about the fence: it never conflicts with an observation, and an observation is preferred to it.
 */
@API(status = INTERNAL, since = "0.1")
public final class MergedRecords {

    private final List<Observation> observations;
    private final int records;

    private MergedRecords(List<Observation> observations, int records) {
        this.observations = List.copyOf(observations);
        this.records = records;
    }

    /** One stack × probe × mode. */
    public record Key(StackIdentity stack, String probeId, String mode) {

        public static Key of(BoundaryObject record) {
            return new Key(
                    StackIdentity.of(record.stack()),
                    record.probe().id(),
                    record.run().mode());
        }
    }

    /**
     * What a record observed, as far as agreeing goes.
     *
     * @param harnessMade whether the harness made the record (then it observed nothing about the fence)
     */
    public record Outcome(ObservedResult result, String errno, boolean harnessMade) {

        public static Outcome of(BoundaryObject record) {
            return new Outcome(
                    record.result().observedResult(),
                    record.result().errno(),
                    ExpectationsRecorder.isHarnessMade(record));
        }

        /** {@code denied EROFS}; a harness-made record reads {@code error (harness)}. */
        public String text() {
            String text = errno == null ? result.id() : result.id() + " " + errno;
            return harnessMade ? text + " (harness)" : text;
        }
    }

    /**
     * Every record of one stack × probe × mode.
     *
     * @param records all of them, in input order
     * @param distinct the first record of each distinct {@link Outcome}, in input order
     */
    public record Observation(Key key, List<RecordLine> records, List<RecordLine> distinct) {

        public Observation {
            records = List.copyOf(records);
            distinct = List.copyOf(distinct);
        }

        /** The distinct outcomes the fence was observed with (harness-made records left out). */
        public List<RecordLine> observed() {
            return distinct.stream()
                    .filter(l -> !Outcome.of(l.record()).harnessMade())
                    .toList();
        }

        /** Whether the records observed the fence deciding differently. */
        public boolean conflict() {
            return observed().size() > 1;
        }

        /** Whether only the harness spoke: no record observed the fence. */
        public boolean harnessOnly() {
            return observed().isEmpty();
        }

        /** The record that stands for this observation: the first that observed the fence, else the first. */
        public RecordLine preferred() {
            List<RecordLine> seen = observed();
            return seen.isEmpty() ? records.get(0) : seen.get(0);
        }

        /** {@code fs_write_home_scratch [codex-sandbox] on linux · codex 0.80.0 · …: denied EACCES at a:3; success at b:9}. */
        public String describeConflict() {
            StringBuilder sb = new StringBuilder(key.probeId())
                    .append(" [")
                    .append(key.mode())
                    .append("] on ")
                    .append(key.stack().label())
                    .append(": ");
            List<RecordLine> seen = observed();
            for (int i = 0; i < seen.size(); i++) {
                RecordLine l = seen.get(i);
                Outcome o = Outcome.of(l.record());
                List<String> where = records.stream()
                        .filter(r -> Outcome.of(r.record()).equals(o))
                        .map(RecordLine::where)
                        .toList();
                sb.append(i == 0 ? "" : "; ").append(o.text()).append(" at ").append(String.join(", ", where));
            }
            return sb.toString();
        }
    }

    public static MergedRecords merge(List<RecordLine> lines) {
        Map<Key, List<RecordLine>> byKey = new LinkedHashMap<>();
        for (RecordLine l : lines) {
            byKey.computeIfAbsent(Key.of(l.record()), k -> new ArrayList<>()).add(l);
        }
        List<Observation> observations = new ArrayList<>();
        byKey.forEach((key, records) -> {
            Map<Outcome, RecordLine> first = new LinkedHashMap<>();
            records.forEach(r -> first.putIfAbsent(Outcome.of(r.record()), r));
            observations.add(new Observation(key, records, List.copyOf(first.values())));
        });
        return new MergedRecords(observations, lines.size());
    }

    /** Every stack × probe × mode, in the order first seen. */
    public List<Observation> observations() {
        return observations;
    }

    /** How many records were read. */
    public int records() {
        return records;
    }

    /** How many records collapsed into an earlier one that agreed with them. */
    public int duplicates() {
        return records
                - observations.stream().mapToInt(o -> o.distinct().size()).sum();
    }

    /** The observations whose records disagree about the fence. */
    public List<Observation> conflicts() {
        return observations.stream().filter(Observation::conflict).toList();
    }

    /** The first record of each distinct outcome: duplicates collapsed, conflicts and harness records kept. */
    public List<RecordLine> distinct() {
        return observations.stream().flatMap(o -> o.distinct().stream()).toList();
    }

    /** One record per stack × probe × mode: {@link Observation#preferred()}. */
    public List<RecordLine> preferred() {
        return observations.stream().map(Observation::preferred).toList();
    }
}
