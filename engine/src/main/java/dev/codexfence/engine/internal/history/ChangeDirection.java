package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.record.ObservedResult;
import org.apiguardian.api.API;

/** Which way an observation moved, as an upgrade decision reads it. */
@API(status = INTERNAL, since = "0.1")
public enum ChangeDirection {
    /** Refused (or failed) before, allowed now: the fence let more through. */
    LOOSER("now allowed"),
    /** Allowed before, refused now. */
    TIGHTER("now denied"),
    /** The same result with another errno: the same decision, made by another mechanism. */
    ERRNO("errno only"),
    /** Anything else (an error appeared or went away). */
    OTHER("changed");

    private final String words;

    ChangeDirection(String words) {
        this.words = words;
    }

    /** {@code now allowed}, {@code now denied}, {@code errno only}, {@code changed}. */
    public String words() {
        return words;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ChangeDirection of(MergedRecords.Outcome before, MergedRecords.Outcome after) {
        if (before.result() == after.result()) {
            return ERRNO;
        }
        boolean allowedBefore = allowed(before.result());
        boolean allowedAfter = allowed(after.result());
        if (!allowedBefore && allowedAfter) {
            return LOOSER;
        }
        if (allowedBefore && after.result() == ObservedResult.DENIED) {
            return TIGHTER;
        }
        if (before.result() == ObservedResult.PARTIAL && after.result() == ObservedResult.SUCCESS) {
            return LOOSER;
        }
        if (before.result() == ObservedResult.SUCCESS && after.result() == ObservedResult.PARTIAL) {
            return TIGHTER;
        }
        return OTHER;
    }

    private static boolean allowed(ObservedResult r) {
        return r == ObservedResult.SUCCESS || r == ObservedResult.PARTIAL;
    }
}
