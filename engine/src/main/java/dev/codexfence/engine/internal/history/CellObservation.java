package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.RecordLine;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What one probe × mode showed with one release.
 *
 * @param outcomes the fence outcomes observed: one for {@link State#OBSERVED}, several for
 *     {@link State#CONFLICT}, none otherwise
 * @param records the records behind it (all of them, duplicates included), in input order
 */
@API(status = INTERNAL, since = "0.1")
public record CellObservation(
        Release release, State state, List<MergedRecords.Outcome> outcomes, List<RecordLine> records) {

    public enum State {
        /** One outcome, however many records agree on it. */
        OBSERVED,
        /** Records disagree about the fence: the inputs mix runs that saw different things. */
        CONFLICT,
        /** Only records the harness made (timeouts, broken contracts, failed preflights): nothing observed. */
        HARNESS,
        /** No record of this probe × mode with this release. */
        ABSENT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CellObservation {
        outcomes = List.copyOf(outcomes);
        records = List.copyOf(records);
    }

    static CellObservation absent(Release release) {
        return new CellObservation(release, State.ABSENT, List.of(), List.of());
    }

    /** The outcome of an {@link State#OBSERVED} cell; null otherwise. */
    public MergedRecords.Outcome outcome() {
        return state == State.OBSERVED ? outcomes.get(0) : null;
    }

    /** {@code denied EROFS}, {@code denied EPERM | success} (a conflict), {@code harness only}, {@code -}. */
    public String text() {
        return switch (state) {
            case OBSERVED -> outcomes.get(0).text();
            case CONFLICT ->
                String.join(
                        " | ",
                        outcomes.stream().map(MergedRecords.Outcome::text).toList());
            case HARNESS -> "harness only";
            case ABSENT -> "-";
        };
    }
}
