package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code codex-fence --history [--json] [FILE...]}: reads NDJSON records of many runs (releases, hosts, shards)
 * from files or standard input, prints where each probe × mode's observation changed across releases, and
 * returns the exit status: {@link FenceHistory#UNCHANGED} 0, {@link FenceHistory#CHANGED} 1 (a change, or
 * records that disagree), {@link FenceHistory#BAD_INPUT} 2 with every bad line on {@code err}.
 */
@API(status = INTERNAL, since = "0.1")
public final class HistoryCommand {

    /** Bad lines printed before "… and N more". */
    static final int PROBLEMS_SHOWN = 50;

    private final RecordReader reader;

    public HistoryCommand() {
        this(new RecordReader());
    }

    public HistoryCommand(RecordReader reader) {
        this.reader = reader;
    }

    public int run(List<Path> files, boolean json, PrintStream out, PrintStream err) {
        List<RecordLine> lines;
        try {
            lines = reader.readAll(files);
        } catch (BadRecordsException e) {
            return badInput(e, err);
        }
        return print(HistoryBuilder.build(files.stream().map(Path::toString).toList(), lines), json, out);
    }

    /** Reads NDJSON from a stream (standard input); {@code name} stands for it in messages. */
    public int run(String name, InputStream in, boolean json, PrintStream out, PrintStream err) {
        List<RecordLine> lines;
        try {
            lines = reader.read(name, in);
        } catch (BadRecordsException e) {
            return badInput(e, err);
        }
        return print(HistoryBuilder.build(List.of(name), lines), json, out);
    }

    private static int print(FenceHistory history, boolean json, PrintStream out) {
        out.print(json ? HistoryJson.render(history) : HistoryText.render(history));
        out.flush();
        return history.exitStatus();
    }

    private static int badInput(BadRecordsException e, PrintStream err) {
        List<String> problems = e.problems();
        err.println("codex-fence --history: "
                + (problems.size() == 1 ? "bad input:" : problems.size() + " problems in the input:"));
        problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> err.println("  " + p));
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println("  … and " + (problems.size() - PROBLEMS_SHOWN) + " more");
        }
        err.flush();
        return FenceHistory.BAD_INPUT;
    }
}
