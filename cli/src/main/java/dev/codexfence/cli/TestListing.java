package dev.codexfence.cli;

import dev.codexfence.engine.internal.terminal.TerminalText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The tests of a discovered plan, one line each, in the plan's order: probe id, mode, the codex release (in a run
 * over several), capability, a note; with {@code long}, also the test's source and tags. Every value is shown
 * escaped: ids come from file names.
 */
final class TestListing {

    private final boolean detailed;

    /** @param detailed whether each line also shows the test's source and tags */
    TestListing(boolean detailed) {
        this.detailed = detailed;
    }

    /** The plan's tests, in depth-first order (the order they would run in, one at a time). */
    static List<PlannedTest> tests(TestPlan plan) {
        List<PlannedTest> tests = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, tests);
        }
        return tests;
    }

    private static void collect(TestPlan plan, TestIdentifier node, List<PlannedTest> tests) {
        if (node.isTest()) {
            tests.add(PlannedTest.of(node));
        }
        for (TestIdentifier child : plan.getChildren(node)) {
            collect(plan, child, tests);
        }
    }

    /** Prints {@code tests} as an aligned table. */
    void print(List<PlannedTest> tests, PrintStream out) {
        boolean releases = tests.stream().anyMatch(t -> !t.release().isEmpty());
        List<List<String>> rows = new ArrayList<>();
        for (PlannedTest t : tests) {
            rows.add(columns(t, releases));
        }
        int count = rows.isEmpty() ? 0 : rows.get(0).size();
        int[] width = new int[count];
        for (List<String> r : rows) {
            for (int c = 0; c < count - 1; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < count; c++) {
                String cell = r.get(c);
                sb.append(c == count - 1 ? cell : cell + " ".repeat(width[c] - cell.length()) + "  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private List<String> columns(PlannedTest t, boolean releases) {
        List<String> row = new ArrayList<>();
        String mode = switch (t.kind()) {
            case RUN -> t.mode();
            case COVERAGE -> "coverage";
            case CONTRACT -> "contract";
        };
        row.add(cell(t.probe()));
        row.add(cell(mode));
        if (releases) {
            row.add(t.release().isEmpty() ? "-" : "codex " + TerminalText.line(t.release()));
        }
        row.add(cell(t.capability()));
        if (detailed) {
            row.add(cell(t.source()));
            row.add(cell(String.join(",", t.tags())));
        }
        row.add(note(t));
        return row;
    }

    private static String note(PlannedTest t) {
        return switch (t.kind()) {
            case COVERAGE -> "no probe exercises it here";
            case CONTRACT -> "breaks the probe contract (see the warning)";
            case RUN ->
                t.notForThisHost()
                        ? "skipped here: not for "
                                + dev.codexfence.engine.internal.catalog.Platform.current()
                                        .map(dev.codexfence.engine.internal.catalog.Platform::id)
                                        .orElse(System.getProperty("os.name"))
                        : "";
        };
    }

    private static String cell(String value) {
        return value.isEmpty() ? "-" : TerminalText.line(value);
    }
}
