package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What one probe is expected to observe in one mode: an observed result and, optionally, an errno. In a file
 * it is written as {@code success} or {@code denied EROFS}.
 *
 * @param result the expected {@code result.observed_result}
 * @param errno the expected {@code result.errno}, or null when any errno is accepted
 */
@API(status = INTERNAL, since = "0.1")
public record ExpectedOutcome(ObservedResult result, String errno) {

    private static final Pattern TEXT = Pattern.compile("(success|denied|partial|error)(?: ([A-Z][A-Z0-9_]*))?");

    public ExpectedOutcome {
        Objects.requireNonNull(result, "result");
    }

    /** Parses the file form ({@code denied EROFS}). */
    public static ExpectedOutcome parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an outcome: expected success, denied, partial"
                    + " or error, optionally followed by one space and an errno name (\"denied EROFS\")");
        }
        return new ExpectedOutcome(ObservedResult.valueOf(m.group(1).toUpperCase(Locale.ROOT)), m.group(2));
    }

    /** The outcome a record observed, errno included when it has one. */
    public static ExpectedOutcome observedIn(BoundaryObject.Result result) {
        return new ExpectedOutcome(result.observedResult(), result.errno());
    }

    /** Whether {@code observed} meets this expectation. */
    public boolean admits(BoundaryObject.Result observed) {
        return result == observed.observedResult() && (errno == null || errno.equals(observed.errno()));
    }

    /** The file form: {@code denied EROFS}. */
    public String text() {
        return errno == null ? result.id() : result.id() + " " + errno;
    }

    /** The prose form: {@code denied (EROFS)}. */
    public String describe() {
        return errno == null ? result.id() : result.id() + " (" + errno + ")";
    }

    @Override
    public String toString() {
        return text();
    }
}
