package dev.codexfence.diff;

import java.util.List;

/**
 * Inputs that are not cfbo-v1 NDJSON: each problem names the input and the line ({@code run.ndjson:3: not
 * JSON: …}). The CLI's {@code --diff} exits with status 2 on it.
 */
public final class BadRecordsException extends RuntimeException {

    private static final int SHOWN = 20;

    private final List<String> problems;

    public BadRecordsException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one per bad line (or unreadable input). */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        StringBuilder sb = new StringBuilder(problems.size() == 1 ? "bad input:" : problems.size() + " problems in the input:");
        problems.stream().limit(SHOWN).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            sb.append("\n  … and ").append(problems.size() - SHOWN).append(" more");
        }
        return sb.toString();
    }
}
