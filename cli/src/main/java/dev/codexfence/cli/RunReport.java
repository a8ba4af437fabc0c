package dev.codexfence.cli;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.Redactor;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * What happened over all repetitions of a run, and the lines that tell the user about it on stderr. Text from
 * elsewhere (test names from probe files, failure and skip messages quoting probes' output, paths) is shown
 * with control characters escaped ({@link TerminalText}) and secrets redacted ({@link Redactor}).
 */
final class RunReport {

    private static final int FAILURE_LINES = 12;

    private int passed;
    private int failed;
    private int skipped;
    private int records;
    private final Map<String, Integer> results = new LinkedHashMap<>();
    private final Map<String, Integer> skipReasons = new LinkedHashMap<>();
    /** Platform skips, grouped by "apply to [..]; this host is .." with their probe ids. */
    private final Map<String, java.util.Set<String>> platformSkips = new LinkedHashMap<>();

    private final Map<String, Integer> platformSkipRuns = new LinkedHashMap<>();
    private final List<String> ndjsonFiles = new ArrayList<>();
    private final List<String> failedGaps = new ArrayList<>();
    private final List<String> skippedGaps = new ArrayList<>();
    private String setupFailure;

    synchronized void passed() {
        passed++;
    }

    synchronized void failed() {
        failed++;
    }

    private static final java.util.regex.Pattern PLATFORM_SKIP =
            java.util.regex.Pattern.compile("probe (\\S+) applies to (.+)", java.util.regex.Pattern.DOTALL);

    synchronized void skipped(int tests, String reason) {
        skipped += tests;
        if (reason == null) {
            return;
        }
        java.util.regex.Matcher m = PLATFORM_SKIP.matcher(reason.strip());
        if (m.matches()) {
            platformSkips
                    .computeIfAbsent(m.group(2), k -> new java.util.LinkedHashSet<>())
                    .add(m.group(1));
            platformSkipRuns.merge(m.group(2), tests, Integer::sum);
        } else {
            skipReasons.merge(reason.strip(), tests, Integer::sum);
        }
    }

    /** Counts a record; with {@code tally}, also by observed_result (for the terminal summary). */
    synchronized void record(String json, boolean tally) {
        records++;
        if (tally) {
            String result;
            try {
                result = FenceJson.MAPPER
                        .readTree(json)
                        .at("/result/observed_result")
                        .asString("?");
            } catch (JacksonException e) {
                result = "?";
            }
            results.merge(result, 1, Integer::sum);
        }
    }

    /** A capability without a probe: its coverage test failed (or was skipped, as configured). */
    synchronized void coverageGap(String capability, boolean failed) {
        (failed ? failedGaps : skippedGaps).add(capability);
    }

    synchronized void ndjson(String path) {
        ndjsonFiles.add(path);
    }

    synchronized void setupFailure(String message) {
        if (setupFailure == null) {
            setupFailure = message;
        }
    }

    synchronized boolean hasSetupFailure() {
        return setupFailure != null;
    }

    synchronized int failures() {
        return failed;
    }

    synchronized int records() {
        return records;
    }

    synchronized List<String> ndjsonFiles() {
        return List.copyOf(ndjsonFiles);
    }

    /** A failed test or container, as it happens: its message, indented, at most a dozen lines. */
    static void printFailure(PrintStream err, String name, String message) {
        String text = message == null || message.isBlank() ? "(no message)" : Redactor.redact(message.strip());
        if (!text.startsWith(name)) {
            text = name + ": " + text;
        }
        String[] lines = text.split("\n");
        err.println("codex-fence: FAILED " + TerminalText.line(lines[0]));
        for (int i = 1; i < lines.length && i < FAILURE_LINES; i++) {
            err.println("    " + TerminalText.line(lines[i]));
        }
        if (lines.length > FAILURE_LINES) {
            err.println("    … " + (lines.length - FAILURE_LINES) + " more lines");
        }
    }

    /** Skipped runs grouped by reason, and why the run could not start: always printed. */
    synchronized void printNotes(PrintStream err) {
        for (Map.Entry<String, java.util.Set<String>> e : platformSkips.entrySet()) {
            int runs = platformSkipRuns.get(e.getKey());
            String probes = e.getValue().size() == 1
                    ? "probe " + e.getValue().iterator().next() + " applies"
                    : "probes " + String.join(", ", e.getValue()) + " apply";
            err.println("codex-fence: skipped " + plural(runs, "run") + ": "
                    + TerminalText.line(probes + " to " + e.getKey()));
        }
        for (Map.Entry<String, Integer> e : skipReasons.entrySet()) {
            err.println("codex-fence: skipped " + plural(e.getValue(), "run") + ": "
                    + TerminalText.lines(Redactor.redact(e.getKey())));
        }
        if (!skippedGaps.isEmpty()) {
            List<String> some = skippedGaps.subList(0, Math.min(5, skippedGaps.size()));
            err.println("codex-fence: skipped " + plural(skippedGaps.size(), "coverage test") + " (no probe here for "
                    + TerminalText.line(String.join(", ", some)) + (skippedGaps.size() > some.size() ? ", …" : "")
                    + ")");
        }
        if (!failedGaps.isEmpty()) {
            err.println("codex-fence: FAILED " + plural(failedGaps.size(), "coverage test") + ": no probe here for "
                    + TerminalText.line(String.join(", ", failedGaps)));
            err.println("    (a capability of the catalog that no probe of the probe root exercises on this platform;"
                    + " --config codex-fence.coverage.missing=skip skips them)");
        }
        if (setupFailure != null) {
            err.println("codex-fence: the run could not start: " + TerminalText.lines(Redactor.redact(setupFailure)));
        }
    }

    /** The terminal summary: counts, results and where the NDJSON went. */
    synchronized void printSummary(PrintStream err, Duration elapsed) {
        StringBuilder sb = new StringBuilder("codex-fence: ");
        sb.append(plural(passed + failed + skipped, "run"))
                .append(" in ")
                .append(Progress.clock(elapsed))
                .append(": ")
                .append(passed)
                .append(" passed, ")
                .append(failed)
                .append(" failed, ")
                .append(skipped)
                .append(" skipped; ")
                .append(plural(records, "record"));
        if (!results.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String r : List.of("success", "denied", "partial", "error")) {
                if (results.containsKey(r)) {
                    parts.add(r + " " + results.get(r));
                }
            }
            results.forEach((r, n) -> {
                if (!List.of("success", "denied", "partial", "error").contains(r)) {
                    parts.add(TerminalText.line(r) + " " + n);
                }
            });
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        err.println(sb);
        for (String f : ndjsonFiles) {
            err.println("codex-fence: NDJSON in " + TerminalText.line(f));
        }
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
