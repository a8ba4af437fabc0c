package dev.codexfence.run;

import dev.codexfence.record.AssembledRecord;
import dev.codexfence.record.BoundaryObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run's NDJSON file. Records are appended to {@code NAME.partial} as they arrive (nothing is lost if the
 * run dies); closing writes the final file with lines sorted by capability, probe and mode, so its order does
 * not depend on parallelism, and removes the partial file.
 */
public final class RecordLog implements AutoCloseable {

    private static final Comparator<AssembledRecord> ORDER = Comparator
            .comparing((AssembledRecord r) -> r.record().probe().primaryCapabilityId())
            .thenComparing(r -> r.record().probe().id())
            .thenComparing(r -> r.record().run().mode())
            .thenComparing(AssembledRecord::compactJson);

    private final Path file;
    private final Path partial;
    private final BufferedWriter writer;
    private final List<AssembledRecord> records = new ArrayList<>();

    private RecordLog(Path file, Path partial, BufferedWriter writer) {
        this.file = file;
        this.partial = partial;
        this.writer = writer;
    }

    public static RecordLog open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new RecordLog(file, partial, w);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(AssembledRecord record) {
        records.add(record);
        try {
            writer.write(record.compactJson());
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + partial, e);
        }
    }

    public synchronized List<BoundaryObject> records() {
        return records.stream().map(AssembledRecord::record).toList();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
        List<AssembledRecord> sorted = new ArrayList<>(records);
        sorted.sort(ORDER);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (AssembledRecord r : sorted) {
                w.write(r.compactJson());
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(partial);
    }
}
