package dev.codexfence.record;

import java.util.Locale;

/** What the fence decided, as the probe classified it. */
public enum ObservedResult {
    SUCCESS,
    DENIED,
    PARTIAL,
    ERROR;

    /** The value on the wire: {@code success}, {@code denied}, {@code partial}, {@code error}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
