package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing /proc/PID/stat lines, and which tasks count as running. */
class TaskStatTest {

    /** A real line (codex 0.120.0's sandbox helper, reparented to PID 1, after its exit began). */
    private static final String EXITING =
            "4379 (codex-linux-san) R 1 4379 4379 0 -1 4227404 145 58 0 0 0 0 0 0 20 0 1 0"
                    + " 5301 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    @Test
    void readsStateGroupFlagsAndStartAfterTheLastParenthesis() {
        String line = "77 (a (tricky) name) S 1 66 66 0 -1 4194304 1 2 3 4 5 6 7 8 20 0 1 0 123456 0 0";
        assertThat(TaskStat.parse(line)).hasValue(new TaskStat('S', 66, 4194304, 123456));
    }

    @Test
    void aLineThatIsNoStatLineGivesNothing() {
        assertThat(TaskStat.parse("")).isEmpty();
        assertThat(TaskStat.parse("12 (x) S 1 2")).isEmpty();
        assertThat(TaskStat.parse("12 (x) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"))
                .isEmpty();
    }

    @Test
    void zombiesDeadTasksAndTasksInTheirExitDoNotRun() {
        assertThat(TaskStat.parse(EXITING).orElseThrow().running())
                .as("R with PF_EXITING")
                .isFalse();
        assertThat(new TaskStat('Z', 1, 0x400040, 0).running()).isFalse();
        assertThat(new TaskStat('X', 1, 0, 0).running()).isFalse();
        assertThat(new TaskStat('D', 1, 0x4, 0).running()).isFalse();
    }

    @Test
    void runningSleepingWaitingAndStoppedTasksRun() {
        for (char state : new char[] {'R', 'S', 'D', 'T', 't', 'I'}) {
            assertThat(new TaskStat(state, 1, 0x400040, 0).running())
                    .as("state %s", state)
                    .isTrue();
        }
    }
}
