package dev.codexfence.record;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the fence decided, as the probe classified it. */
public enum ObservedResult {
    SUCCESS,
    DENIED,
    PARTIAL,
    ERROR;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
