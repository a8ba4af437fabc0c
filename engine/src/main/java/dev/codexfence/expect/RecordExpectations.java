package dev.codexfence.expect;

import dev.codexfence.ndjson.BadRecordsException;
import dev.codexfence.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records expectations from the NDJSON of a finished run, without running anything:
 * <pre>
 * java -cp "engine/target/classes:engine/target/lib/*" dev.codexfence.expect.RecordExpectations \
 *     [--replace] [--file FILE | --into DIR] NDJSON_OR_FOLDER...
 * </pre>
 * A folder stands for its newest {@code *.ndjson}. Without {@code --file}, each stack goes to
 * {@code DIR/<platform>-codex-<version>.json} ({@code DIR} defaults to the expectations folder). Without
 * {@code --replace}, existing files are updated rather than rewritten. Exit status 0, or 2 with the reason.
 */
public final class RecordExpectations {

    static final String USAGE = "usage: RecordExpectations [--replace] [--file FILE | --into DIR] NDJSON_OR_FOLDER...";

    private RecordExpectations() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean replace = false;
        Optional<Path> file = Optional.empty();
        Path into = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--replace" -> replace = true;
                case "--file", "--into" -> {
                    if (i + 1 >= args.size()) {
                        err.println(a + " needs a path\n" + USAGE);
                        return 2;
                    }
                    Path p = Path.of(args.get(++i));
                    if (a.equals("--file")) {
                        file = Optional.of(p);
                    } else {
                        into = p;
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("unknown option " + a + "\n" + USAGE);
                        return 2;
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (inputs.isEmpty()) {
            err.println("name at least one NDJSON file or folder\n" + USAGE);
            return 2;
        }
        try {
            List<Path> files = new ArrayList<>();
            for (Path p : inputs) {
                files.add(Files.isDirectory(p) ? newestNdjson(p) : p);
            }
            List<BoundaryObject> records = new RecordReader().readAll(files).stream().map(RecordLine::record).toList();
            ExpectationsRecorder.Recording recording = ExpectationsRecorder.record(records);
            Path dir = into != null ? into : ExpectationsFolder.defaultDirectory();
            for (Expectations e : new ExpectationsWriter().write(recording, file, dir, replace)) {
                out.println("wrote " + e.source() + ": " + e.probes().size() + " probes, " + e.size() + " entries ("
                        + e.describeStack() + ") from " + String.join(", ", files.stream().map(Path::toString).toList()));
            }
            recording.skipped().forEach(s -> err.println("left out (harness-made record): " + s));
            return 0;
        } catch (BadRecordsException | ExpectationsException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** The newest {@code *.ndjson} in {@code folder}. */
    static Path newestNdjson(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".ndjson") && Files.isRegularFile(p))
                    .max(Comparator.comparing(RecordExpectations::modified).thenComparing(Comparator.naturalOrder()))
                    .orElseThrow(() -> new ExpectationsException(folder + ": no *.ndjson file in this folder"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
