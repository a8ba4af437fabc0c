package dev.codexfence.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import org.apiguardian.api.API;

/**
 * Entry point of the cfbo-v1 assertions: {@code import static dev.codexfence.assertj.FenceAssertions.assertThat;}.
 * It sits next to AssertJ's own {@code Assertions.assertThat}; these overloads are the more specific ones.
 */
@API(status = STABLE, since = "0.1")
public final class FenceAssertions {

    private FenceAssertions() {}

    public static BoundaryObjectAssert assertThat(BoundaryObject actual) {
        return new BoundaryObjectAssert(actual);
    }

    /** Asserts on the typed record of an assembled record. */
    public static BoundaryObjectAssert assertThat(RecordLine actual) {
        return new BoundaryObjectAssert(actual == null ? null : actual.record());
    }

    public static RunRecordsAssert assertThat(RunRecords actual) {
        return new RunRecordsAssert(actual);
    }
}
