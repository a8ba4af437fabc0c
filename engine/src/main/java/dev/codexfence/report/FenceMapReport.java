package dev.codexfence.report;

import dev.codexfence.catalog.CapabilityCatalog;
import dev.codexfence.catalog.CatalogLoader;
import dev.codexfence.diff.RecordFiles;
import dev.codexfence.diff.RecordLine;
import dev.codexfence.expect.Expectations;
import dev.codexfence.expect.ExpectationsFolder;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the fence map of a set of records to one HTML file ({@code codex-fence --report OUT.html [IN...]},
 * and the engine's {@code codex-fence.report.file}).
 */
public final class FenceMapReport {

    private final FenceMapBuilder builder;

    /**
     * @param catalog the catalog whose capabilities make the rows
     * @param expectations the expectations file for the records of a stack, if any (drift is highlighted)
     */
    public FenceMapReport(CapabilityCatalog catalog, Function<BoundaryObject.Stack, Optional<Expectations>> expectations) {
        this.builder = new FenceMapBuilder(catalog, expectations);
    }

    /** The bundled catalog and the expectations of the default folder ({@link ExpectationsFolder#defaultDirectory()}). */
    public static FenceMapReport withDefaults() {
        ExpectationsFolder folder = ExpectationsFolder.load(ExpectationsFolder.defaultDirectory());
        return new FenceMapReport(new CatalogLoader().loadBundled(), folder::find);
    }

    /** Reads NDJSON files (bad lines throw {@link dev.codexfence.diff.BadRecordsException}) and writes the map. */
    public Path write(Path out, List<Path> inputs) {
        List<RecordLine> lines = new RecordFiles().readAll(inputs);
        return write(out, inputs.stream().map(Path::toString).toList(), lines.stream().map(RecordLine::record).toList());
    }

    /** Reads NDJSON from a stream (standard input, say) and writes the map. */
    public Path write(Path out, String name, InputStream in) {
        List<RecordLine> lines = new RecordFiles().read(name, in);
        return write(out, List.of(name), lines.stream().map(RecordLine::record).toList());
    }

    /** Writes the map of {@code records}; {@code sources} name where they came from. */
    public Path write(Path out, List<String> sources, List<BoundaryObject> records) {
        String html = FenceMapHtml.render(builder.build(sources, records));
        Path file = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            // a new 0600 file with an unpredictable name, renamed over the target: never written through a symlink
            dev.codexfence.run.ExclusiveFiles.replace(file, html.getBytes(StandardCharsets.UTF_8),
                    dev.codexfence.run.ExclusiveFiles.PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fence map " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
