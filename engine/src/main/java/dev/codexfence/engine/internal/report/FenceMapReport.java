package dev.codexfence.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.diff.MergedRecords;
import dev.codexfence.engine.internal.expect.Expectations;
import dev.codexfence.engine.internal.expect.ExpectationsFolder;
import dev.codexfence.engine.internal.history.FenceHistory;
import dev.codexfence.engine.internal.history.HistoryBuilder;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Writes the fence map of a set of records to one HTML file ({@code codex-fence --report OUT.html [IN...]},
 * and the engine's {@code codex-fence.report.file}): the capability × mode matrix, and, when a host holds
 * several codex releases, the history view (probe × mode over releases, changes marked).
 */
@API(status = INTERNAL, since = "0.1")
public final class FenceMapReport {

    private final FenceMapBuilder builder;

    /**
     * @param catalog the catalog whose capabilities make the rows
     * @param expectations the expectations file for the records of a stack, if any (drift is highlighted)
     */
    public FenceMapReport(
            CapabilityCatalog catalog, Function<BoundaryObject.Stack, Optional<Expectations>> expectations) {
        this.builder = new FenceMapBuilder(catalog, expectations);
    }

    /** The bundled catalog and the expectations of the default folder ({@link ExpectationsFolder#defaultDirectory()}). */
    public static FenceMapReport withDefaults() {
        ExpectationsFolder folder = ExpectationsFolder.load(ExpectationsFolder.defaultDirectory());
        return new FenceMapReport(new CatalogLoader().loadBundled(), folder::find);
    }

    /** Reads NDJSON files (bad lines throw {@link dev.codexfence.engine.internal.ndjson.BadRecordsException}) and writes the map. */
    public Path write(Path out, List<Path> inputs) {
        return writeLines(out, inputs.stream().map(Path::toString).toList(), new RecordReader().readAll(inputs));
    }

    /** Reads NDJSON from a stream (standard input, say) and writes the map. */
    public Path write(Path out, String name, InputStream in) {
        return writeLines(out, List.of(name), new RecordReader().read(name, in));
    }

    /** Writes the map of {@code records} (one run's, say); {@code sources} name where they came from. */
    public Path write(Path out, List<String> sources, List<BoundaryObject> records) {
        String name = sources.size() == 1 ? sources.get(0) : "records";
        List<RecordLine> lines = new ArrayList<>();
        for (BoundaryObject r : records) {
            lines.add(RecordJson.lineOf(r, name, lines.size() + 1));
        }
        return writeLines(out, sources, lines);
    }

    /**
     * Writes the map of records read from many inputs: they are merged first ({@link MergedRecords}: a record that
     * agrees with an earlier one of the same stack, probe and mode is left out; records that disagree are all
     * shown, and named in the header), and when a host holds several releases the page gains the history view.
     */
    public Path writeLines(Path out, List<String> sources, List<RecordLine> lines) {
        return writeHtml(out, FenceMapHtml.render(map(sources, lines)));
    }

    /** The map of {@code lines}, merged, with its history. */
    public FenceMap map(List<String> sources, List<RecordLine> lines) {
        MergedRecords merged = MergedRecords.merge(lines);
        FenceMap map = builder.build(sources, merged.distinct());
        FenceHistory history = HistoryBuilder.build(sources, lines);
        return map.withHistory(
                history,
                new FenceMap.Merging(
                        merged.records(),
                        merged.duplicates(),
                        merged.conflicts().stream()
                                .map(MergedRecords.Observation::describeConflict)
                                .toList()));
    }

    private static Path writeHtml(Path out, String html) {
        Path file = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            // a new 0600 file with an unpredictable name, renamed over the target: never written through a symlink
            dev.codexfence.engine.internal.files.ExclusiveFiles.replace(
                    file,
                    html.getBytes(StandardCharsets.UTF_8),
                    dev.codexfence.engine.internal.files.ExclusiveFiles.PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fence map " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
