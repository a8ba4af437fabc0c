package dev.codexfence.record;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** What the fence decided, as the probe classified it. */
@API(status = STABLE, since = "0.1")
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
