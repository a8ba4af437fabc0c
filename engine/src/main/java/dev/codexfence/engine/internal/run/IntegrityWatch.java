package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongPredicate;
import org.apiguardian.api.API;

/**
 * Keeps the run's own files honest and says which probe runs could have changed them. Every probe run begins
 * and ends with a check of everything guarded (the helpers in {@code FENCE_BIN}, the ready workspaces); a check
 * that finds a change has the guarded object repair itself and blames every probe run that was running at some
 * moment between the last check that found the object intact and this one: with sequential runs that is
 * exactly the run that just ended; with parallel runs, each run that overlapped that window. A blamed run that
 * is still running fails when it ends ({@link #end}); a change no running run can account for (it happened
 * between runs, or was found only after its maker had finished) is kept for the end of the run
 * ({@link #unattributed()}).
 *
 * <p>Time is a counter: each check takes the next tick. A run spans from the tick of its opening check to the
 * tick of its closing check; a change found at tick {@code T} on an object last intact at tick {@code S}
 * happened strictly between them, so the runs that could have made it are those with {@code begin < T} and
 * {@code end > S}.
 */
@API(status = INTERNAL, since = "0.1")
public final class IntegrityWatch {

    /** Something checked at every probe run's start and end. */
    public interface Guarded {
        /**
         * Checks at tick {@code now}, repairs what changed (restores it, or throws it away) and says what it found.
         * {@code ranSince.test(t)} tells whether a probe run was running at some moment after tick {@code t}: an
         * object found intact since then needs no new look. Called with the watch's lock held.
         */
        List<Finding> check(long now, LongPredicate ranSince);
    }

    /**
     * A change found by a check.
     *
     * @param what what changed and what was done about it, e.g. "emit-record in FENCE_BIN … was changed; restored"
     * @param intactAt the tick of the last check that found the object intact (or of its creation)
     */
    public record Finding(String what, long intactAt) {}

    /** One probe run between its two checks. */
    public static final class Ticket {
        private final String label;
        private final long begin;
        private long end = Long.MAX_VALUE;
        private final List<String> incidents = new ArrayList<>();

        private Ticket(String label, long begin) {
            this.label = label;
            this.begin = begin;
        }

        /** The run's display name, e.g. {@code fs_read_etc_hosts [baseline]}. */
        public String label() {
            return label;
        }
    }

    /** Ended runs kept for blaming late findings; windows are a few runs long, so a short history is plenty. */
    private static final int HISTORY = 512;

    private final List<Guarded> guarded = new CopyOnWriteArrayList<>();
    private final List<Ticket> running = new ArrayList<>();
    private final Deque<Ticket> ended = new ArrayDeque<>();
    private final List<String> unattributed = new ArrayList<>();
    private long tick;

    /** Adds {@code g} to what every check looks at. */
    public void guard(Guarded g) {
        guarded.add(g);
    }

    /** The next tick, for stamping an object that becomes guarded (a ready workspace) as intact now. */
    synchronized long now() {
        return ++tick;
    }

    /** Checks everything, then opens a run labelled {@code label}. */
    public synchronized Ticket begin(String label) {
        long t = ++tick;
        checkAll(t);
        Ticket k = new Ticket(label, t);
        running.add(k);
        return k;
    }

    /**
     * Checks everything, then closes the run: the "harness integrity: …" messages of every change it may have
     * made (empty when none).
     */
    public synchronized List<String> end(Ticket ticket) {
        long t = ++tick;
        checkAll(t);
        ticket.end = t;
        running.remove(ticket);
        ended.addLast(ticket);
        while (ended.size() > HISTORY) {
            ended.removeFirst();
        }
        return List.copyOf(ticket.incidents);
    }

    /** Whether a probe run was running at some moment strictly between ticks {@code from} and {@code to}. */
    synchronized boolean anyRunBetween(long from, long to) {
        return !suspects(from, to).isEmpty();
    }

    /** Reports a change found outside a check (a ready workspace handed out), at the current tick. */
    synchronized void report(Finding f) {
        blame(f, ++tick);
    }

    /** Changes no running probe run could be failed for, as "harness integrity: …" messages. */
    public synchronized List<String> unattributed() {
        return List.copyOf(unattributed);
    }

    private void checkAll(long t) {
        for (Guarded g : guarded) {
            for (Finding f : g.check(t, since -> !suspects(since, t).isEmpty())) {
                blame(f, t);
            }
        }
    }

    private List<Ticket> suspects(long intactAt, long foundAt) {
        List<Ticket> out = new ArrayList<>();
        for (Ticket k : ended) {
            if (k.begin < foundAt && k.end > intactAt) {
                out.add(k);
            }
        }
        for (Ticket k : running) {
            if (k.begin < foundAt) {
                out.add(k);
            }
        }
        return out;
    }

    private void blame(Finding f, long foundAt) {
        List<Ticket> suspects = suspects(f.intactAt(), foundAt);
        if (suspects.isEmpty()) {
            unattributed.add("harness integrity: " + f.what() + "; no probe run was running since it was last found"
                    + " intact (a process an earlier probe left behind, or something outside codex-fence, changed it)");
            return;
        }
        String names = String.join(", ", suspects.stream().map(Ticket::label).toList());
        String message = "harness integrity: " + f.what() + "; made by "
                + (suspects.size() == 1
                        ? "the probe run " + names
                        : "one of the probe runs " + names + " (they ran at the same time)");
        List<String> finished = new ArrayList<>();
        for (Ticket k : suspects) {
            if (k.end == Long.MAX_VALUE) {
                k.incidents.add(message);
            } else {
                finished.add(k.label);
            }
        }
        if (!finished.isEmpty()) {
            unattributed.add(message + " — found after " + String.join(", ", finished)
                    + (finished.size() == 1 ? " had" : " had all") + " finished, so its result stands; distrust it");
        }
    }
}
