package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.record.RecordLine;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One probe run in one mode.
 *
 * @param record the record: the probe's own, or one the harness made when the probe could not give one
 * @param failure why the run broke the probe contract; empty when it honoured it
 * @param elapsed wall time of the probe process
 */
@API(status = INTERNAL, since = "0.1")
public record ProbeRunResult(RecordLine record, Optional<String> failure, Duration elapsed) {

    public boolean honouredContract() {
        return failure.isEmpty();
    }
}
