package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** What a probe run missing from the applicable expectations file, or a file entry without a probe, gives. */
@API(status = INTERNAL, since = "0.1")
public enum UnlistedPolicy {
    /** A report entry and a line on stderr; the test passes. */
    WARN,
    /** A failing test (or, for entries without a probe, a failing engine node). */
    FAIL;

    public static UnlistedPolicy parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "warn" -> WARN;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("expected warn or fail");
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
