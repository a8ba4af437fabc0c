package dev.codexfence.engine.internal.ndjson;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.files.ExclusiveFiles;
import dev.codexfence.engine.internal.files.PrivateFolder;
import dev.codexfence.engine.internal.release.ReleaseVersion;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The run's NDJSON file. Its folder is private ({@link PrivateFolder}: made 0700, or refused when another user
 * owns it or group or others may write it). Records are appended to {@code NAME.partial} as they arrive (nothing
 * is lost if the run dies); closing writes the final file with lines sorted by capability, probe, mode and codex
 * release (in version order), so its order does not depend on parallelism, and removes the partial file. Both are made with mode 0600 and never
 * through an existing entry: the partial file is created exclusively (an entry of that name already there is an
 * error), the final file is written to a new temporary file with an unpredictable name ({@code .NAME.RANDOM.tmp})
 * and renamed over {@code NAME}, so a symlink planted under any of these names is replaced or left alone, never
 * written through.
 */
@API(status = INTERNAL, since = "0.1")
public final class RecordLog implements AutoCloseable {

    private static final Comparator<RecordLine> ORDER = Comparator.comparing(
                    (RecordLine r) -> r.record().probe().primaryCapabilityId())
            .thenComparing(r -> r.record().probe().id())
            .thenComparing(r -> r.record().run().mode())
            .thenComparing(RecordLog::release, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RecordLine::json);

    /** The codex release of a record, for ordering a run over several: its npm version, else the CLI's; null for none. */
    private static ReleaseVersion release(RecordLine r) {
        var stack = r.record().stack();
        String v = stack.codexRelease();
        return ReleaseVersion.parse(v).orElse(null);
    }

    private final Path file;
    private final Path partial;
    private final Object partialKey;
    private final BufferedWriter writer;
    private final List<RecordLine> records = new ArrayList<>();
    private String tampering;

    private RecordLog(Path file, Path partial, Object partialKey, BufferedWriter writer) {
        this.file = file;
        this.partial = partial;
        this.partialKey = partialKey;
        this.writer = writer;
    }

    /** Opens the log for {@code file}, making its folder private; fails naming the folder when it cannot be used. */
    public static RecordLog open(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        PrivateFolder.ensure(abs.getParent(), "output folder");
        Path partial = abs.resolveSibling(abs.getFileName() + ".partial");
        BufferedWriter w;
        try {
            w = new BufferedWriter(new OutputStreamWriter(
                    ExclusiveFiles.create(partial, ExclusiveFiles.PRIVATE), StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(
                    partial + " already exists (left by another run, or planted); codex-fence does not"
                            + " write through an existing entry: remove it, or choose another output folder",
                    e);
        }
        Object key = Files.readAttributes(partial, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        return new RecordLog(abs, partial, key, w);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(RecordLine record) {
        records.add(record);
        try {
            writer.write(record.json());
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + partial, e);
        }
    }

    public synchronized List<BoundaryObject> records() {
        return records.stream().map(RecordLine::record).toList();
    }

    /**
     * After {@link #close()}: a "harness integrity: …" message when the partial file was replaced or removed
     * while the run went on (the final file is written from memory and complete all the same).
     */
    public synchronized Optional<String> tampering() {
        return Optional.ofNullable(tampering);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
        List<RecordLine> sorted = new ArrayList<>(records);
        sorted.sort(ORDER);
        StringBuilder text = new StringBuilder();
        for (RecordLine r : sorted) {
            text.append(r.json()).append('\n');
        }
        ExclusiveFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), ExclusiveFiles.PRIVATE);
        Object now = null;
        try {
            now = Files.readAttributes(partial, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (IOException e) {
            // gone: below
        }
        if (partialKey != null && !Objects.equals(partialKey, now)) {
            tampering = "harness integrity: the run's partial NDJSON file " + partial + " was "
                    + (now == null ? "removed" : "replaced") + " while probes ran (the final file " + file.getFileName()
                    + " is complete: it is"
                    + " written from the harness's memory)";
        }
        Files.deleteIfExists(partial); // unlinks whatever has that name; a symlink is removed, not followed
    }
}
