package dev.codexfence.engine.internal.ndjson;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Inputs that are not cfbo-v1 NDJSON: each problem names the input and the line ({@code run.ndjson:3: not
 * JSON: …}). The CLI's {@code --diff} exits with status 2 on it. Problems quote the input (a bad token, a file
 * name): each is kept as one line with control characters escaped ({@link TerminalText}), ready for a terminal.
 */
@API(status = INTERNAL, since = "0.1")
public final class BadRecordsException extends RuntimeException {

    private static final int SHOWN = 20;

    private final List<String> problems;

    public BadRecordsException(List<String> problems) {
        this(problems.stream().map(TerminalText::line).toList(), true);
    }

    private BadRecordsException(List<String> escaped, boolean ignored) {
        super(summary(escaped));
        this.problems = List.copyOf(escaped);
    }

    /** Every problem, one per bad line (or unreadable input), as one terminal-safe line. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        StringBuilder sb =
                new StringBuilder(problems.size() == 1 ? "bad input:" : problems.size() + " problems in the input:");
        problems.stream().limit(SHOWN).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            sb.append("\n  … and ").append(problems.size() - SHOWN).append(" more");
        }
        return sb.toString();
    }
}
