package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.record.BoundaryObject;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A record that does not meet its expectation: the fence decided otherwise than on the recorded run.
 *
 * @param probeId the probe
 * @param mode the run mode
 * @param source the expectations file
 * @param expected what the file expects
 * @param observed what the record says
 */
@API(status = INTERNAL, since = "0.1")
public record Drift(
        String probeId, String mode, String source, ExpectedOutcome expected, BoundaryObject.Result observed) {

    /** What a failing test says: the headline, the differing fields, the record's own words and the way out. */
    public String message() {
        ExpectedOutcome seen = ExpectedOutcome.observedIn(observed);
        StringBuilder sb = new StringBuilder()
                .append(probeId)
                .append(" [")
                .append(mode)
                .append("]: expected ")
                .append(expected.describe())
                .append(", observed ")
                .append(seen.describe())
                .append(" — the fence changed");
        if (expected.result() != observed.observedResult()) {
            sb.append("\n  result.observed_result: expected ")
                    .append(quote(expected.result().id()))
                    .append(", observed ")
                    .append(quote(observed.observedResult().id()));
        }
        if (expected.errno() != null && !Objects.equals(expected.errno(), observed.errno())) {
            sb.append("\n  result.errno: expected ")
                    .append(quote(expected.errno()))
                    .append(", observed ")
                    .append(quote(observed.errno()));
        }
        if (observed.message() != null) {
            sb.append("\n  result.message: ").append(quote(observed.message()));
        }
        if (observed.errorDetail() != null) {
            sb.append("\n  result.error_detail: ").append(quote(observed.errorDetail()));
        }
        sb.append("\n  expectations: ")
                .append(source)
                .append("\n  (if the change is intended, record the expectations again or edit that line)");
        return sb.toString();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
