package dev.codexfence.engine.internal.input;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How large one kind of input file may be.
 *
 * @param noun the input as a message names it: "a probe", "a catalog", …
 * @param maxBytes the most bytes such a file may hold
 */
@API(status = INTERNAL, since = "0.1")
public record InputLimit(String noun, long maxBytes) {

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;

    public InputLimit {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** "1 MiB", "16 MiB", "512 KiB", "100 bytes". */
    public String describeMax() {
        return InputSizes.describe(maxBytes);
    }
}
