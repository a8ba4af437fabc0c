package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is blamed for a change the watch finds, with runs in sequence and side by side. */
class IntegrityWatchTest {

    /** A guarded object a test "changes" by hand: the next check finds it changed, repairs it, reports it once. */
    private static final class Flag implements IntegrityWatch.Guarded {
        boolean changed;
        long intactAt;
        final List<Long> checkedAt = new ArrayList<>();

        @Override
        public List<IntegrityWatch.Finding> check(long now, java.util.function.LongPredicate ranSince) {
            checkedAt.add(now);
            if (!changed) {
                intactAt = now;
                return List.of();
            }
            changed = false;
            IntegrityWatch.Finding f = new IntegrityWatch.Finding("the flag was changed", intactAt);
            intactAt = now;
            return List.of(f);
        }
    }

    private IntegrityWatch watch;
    private Flag flag;

    @BeforeEach
    void setUp() {
        watch = new IntegrityWatch();
        flag = new Flag();
        watch.guard(flag);
    }

    @Test
    void everyRunIsCheckedBeforeAndAfter() {
        IntegrityWatch.Ticket a = watch.begin("a [baseline]");
        watch.end(a);
        assertThat(flag.checkedAt).hasSize(2);
    }

    @Test
    void sequentialRunsBlameExactlyTheRunThatWasRunning() {
        watch.end(watch.begin("a [baseline]"));
        IntegrityWatch.Ticket b = watch.begin("b [baseline]");
        flag.changed = true; // b changes it
        assertThat(watch.end(b))
                .containsExactly("harness integrity: the flag was changed; made by the probe run b [baseline]");
        assertThat(watch.end(watch.begin("c [baseline]"))).isEmpty();
        assertThat(watch.unattributed()).isEmpty();
    }

    @Test
    void parallelRunsThatOverlappedTheWindowAllFail() {
        IntegrityWatch.Ticket a = watch.begin("a [baseline]");
        IntegrityWatch.Ticket b = watch.begin("b [baseline]");
        flag.changed = true; // a or b
        List<String> aEnd = watch.end(a);
        IntegrityWatch.Ticket c = watch.begin("c [baseline]"); // starts after the repair: not blamed
        List<String> bEnd = watch.end(b);
        List<String> cEnd = watch.end(c);
        String message =
                "harness integrity: the flag was changed; made by one of the probe runs a [baseline], b [baseline]"
                        + " (they ran at the same time)";
        assertThat(aEnd).containsExactly(message);
        assertThat(bEnd).containsExactly(message);
        assertThat(cEnd).isEmpty();
    }

    @Test
    void aChangeFoundAtARunsStartBlamesTheOthersStillRunningButNotIt() {
        IntegrityWatch.Ticket a = watch.begin("a [baseline]");
        flag.changed = true;
        IntegrityWatch.Ticket b = watch.begin("b [baseline]"); // finds it, repairs it
        assertThat(watch.end(b)).isEmpty();
        assertThat(watch.end(a)).singleElement().asString().endsWith("made by the probe run a [baseline]");
    }

    @Test
    void aChangeBetweenRunsIsKeptForTheEndOfTheRun() {
        watch.end(watch.begin("a [baseline]"));
        flag.changed = true; // nothing runs
        assertThat(watch.end(watch.begin("b [baseline]"))).isEmpty();
        assertThat(watch.unattributed())
                .singleElement()
                .asString()
                .startsWith(
                        "harness integrity: the flag was changed; no probe run was running since it was last found intact");
    }

    @Test
    void aChangeFoundOnlyAfterItsMakerFinishedNamesItForTheEndOfTheRun() {
        IntegrityWatch.Ticket a = watch.begin("a [baseline]");
        long intact = flag.intactAt;
        watch.end(a);
        // reported later, by an object last found intact before a ran (a ready workspace handed out, say)
        watch.report(new IntegrityWatch.Finding("a ready workspace was changed", intact));
        assertThat(watch.unattributed())
                .singleElement()
                .asString()
                .isEqualTo(
                        "harness integrity: a ready workspace was changed; made by the probe run a [baseline] — found"
                                + " after a [baseline] had finished, so its result stands; distrust it");
        assertThat(watch.anyRunBetween(intact, watch.now())).isTrue();
        assertThat(watch.anyRunBetween(flag.intactAt, watch.now())).isFalse();
    }
}
