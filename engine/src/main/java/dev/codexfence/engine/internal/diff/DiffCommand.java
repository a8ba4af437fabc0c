package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.terminal.TerminalText;
import dev.codexfence.record.RecordLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code codex-fence --diff OLD NEW [--json]}: reads both NDJSON inputs, prints the differences (text or
 * JSON) on {@code out} and returns the exit status: {@link RunDiff#EQUAL} 0, {@link RunDiff#DIFFERENT} 1,
 * {@link RunDiff#BAD_INPUT} 2 with every bad line (input name and line number) on {@code err}.
 */
@API(status = INTERNAL, since = "0.1")
public final class DiffCommand {

    /** Bad lines printed before "… and N more". */
    static final int PROBLEMS_SHOWN = 50;

    private final RecordReader reader;

    public DiffCommand() {
        this(new RecordReader());
    }

    public DiffCommand(RecordReader reader) {
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
            return badInput(problems, err);
        }
        return print(diff, json, out);
    }

    /**
     * {@code codex-fence --diff --between OLD_RELEASE NEW_RELEASE FILE...}: the records of two releases among many
     * inputs (several releases, hosts and shards), merged as {@code --history} merges them ({@link MergedRecords}:
     * duplicates that agree collapse; records of either release that disagree are bad input), then compared
     * across the two releases, host line by host line.
     */
    public int between(String from, String to, List<Path> files, boolean json, PrintStream out, PrintStream err) {
        List<String> problems = new ArrayList<>();
        List<RecordLine> lines = List.of();
        try {
            lines = reader.readAll(files);
        } catch (BadRecordsException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            return badInput(problems, err);
        }
        MergedRecords merged = MergedRecords.merge(lines);
        Release old = new Release(from);
        Release now = new Release(to);
        List<RecordLine> before = new ArrayList<>();
        List<RecordLine> after = new ArrayList<>();
        for (MergedRecords.Observation o : merged.observations()) {
            Release r = o.key().stack().release();
            if (!r.equals(old) && !r.equals(now)) {
                continue;
            }
            if (o.conflict()) {
                problems.add("the inputs disagree about " + o.describeConflict());
                continue;
            }
            (r.equals(old) ? before : after).add(o.preferred());
        }
        java.util.Set<Release> held = new java.util.TreeSet<>();
        lines.forEach(l -> held.add(Release.of(l.record().stack())));
        List<String> present = held.stream().map(Release::label).toList();
        for (Release wanted : List.of(old, now)) {
            if ((wanted.equals(old) ? before : after).isEmpty()) {
                problems.add("no record of " + wanted.describe() + " in " + files.size()
                        + (files.size() == 1 ? " input" : " inputs") + " (they hold "
                        + (present.isEmpty() ? "no record" : String.join(", ", present)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            return badInput(problems, err);
        }
        RunDiff diff;
        try {
            diff = RunDiffer.compare(DiffInput.of(before), DiffInput.of(after));
        } catch (BadRecordsException e) {
            return badInput(e.problems(), err);
        }
        return print(diff, json, out);
    }

    private static int print(RunDiff diff, boolean json, PrintStream out) {
        out.print(json ? DiffJson.render(diff) : DiffText.render(diff));
        out.flush();
        return diff.exitStatus();
    }

    private static int badInput(List<String> problems, PrintStream err) {
        err.println("codex-fence --diff: "
                + (problems.size() == 1 ? "bad input:" : problems.size() + " problems in the input:"));
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> err.println("  " + TerminalText.line(p)));
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("  … and " + (problems.size() - PROBLEMS_SHOWN) + " more");
        }
        err.flush();
        return RunDiff.BAD_INPUT;
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
