package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One field of {@code result} that differs between the paired records.
 *
 * @param field {@code observed_result}, {@code errno} or {@code message}
 * @param before the old value (null when absent)
 * @param after the new value (null when absent)
 */
@API(status = INTERNAL, since = "0.1")
public record FieldChange(String field, String before, String after) {}
