package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What checking one record against the expectations found. */
@API(status = INTERNAL, since = "0.1")
public sealed interface Verdict {

    /** No expectations file applies to the record's stack (or expectations are off): contract-only. */
    record NotApplicable() implements Verdict {}

    /** The record meets its expectation. */
    record Met(String source) implements Verdict {}

    /** The record contradicts its expectation. */
    record Drifted(Drift drift) implements Verdict {}

    /** A file applies to the record's stack but lists nothing for its probe × mode. */
    record Unlisted(String probeId, String mode, String source, ExpectedOutcome observed) implements Verdict {

        public String message() {
            return probeId + " [" + mode + "]: not listed in expectations " + source + " (observed "
                    + observed.describe() + "); record the expectations again or add the line by hand";
        }
    }
}
