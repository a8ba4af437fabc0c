package dev.codexfence.diff;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code codex-fence --diff OLD NEW [--json]}: reads both NDJSON inputs, prints the differences (text or
 * JSON) on {@code out} and returns the exit status: {@link RunDiff#EQUAL} 0, {@link RunDiff#DIFFERENT} 1,
 * {@link RunDiff#BAD_INPUT} 2 with every bad line (input name and line number) on {@code err}.
 */
public final class DiffCommand {

    /** Bad lines printed before "… and N more". */
    static final int PROBLEMS_SHOWN = 50;

    private final RecordFiles reader;

    public DiffCommand() {
        this(new RecordFiles());
    }

    public DiffCommand(RecordFiles reader) {
        this.reader = reader;
    }

    public int run(Path before, Path after, boolean json, PrintStream out, PrintStream err) {
        return run(List.of(before), List.of(after), json, out, err);
    }

    /** As {@link #run(Path, Path, boolean, PrintStream, PrintStream)}, each side being several files concatenated. */
    public int run(List<Path> before, List<Path> after, boolean json, PrintStream out, PrintStream err) {
        List<String> problems = new ArrayList<>();
        DiffInput old = read(before, problems);
        DiffInput now = read(after, problems);
        RunDiff diff = null;
        if (problems.isEmpty()) {
            try {
                diff = RunDiffer.compare(old, now);
            } catch (BadRecordsException e) {
                problems.addAll(e.problems());
            }
        }
        if (diff == null) {
            err.println("codex-fence --diff: " + (problems.size() == 1 ? "bad input:" : problems.size() + " problems in the input:"));
            problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> err.println("  " + p));
            if (problems.size() > PROBLEMS_SHOWN) {
                err.println("  … and " + (problems.size() - PROBLEMS_SHOWN) + " more");
            }
            err.flush();
            return RunDiff.BAD_INPUT;
        }
        out.print(json ? DiffJson.render(diff) : DiffText.render(diff));
        out.flush();
        return diff.exitStatus();
    }

    private DiffInput read(List<Path> files, List<String> problems) {
        try {
            return DiffInput.read(reader, files);
        } catch (BadRecordsException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
