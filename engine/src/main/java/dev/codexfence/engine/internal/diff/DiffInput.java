package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One side of a diff: the names of its inputs (also those that hold no record) and their records.
 */
@API(status = INTERNAL, since = "0.1")
public record DiffInput(List<String> sources, List<RecordLine> records) {

    public DiffInput {
        sources = List.copyOf(sources);
        records = List.copyOf(records);
    }

    /** Reads NDJSON files; bad lines throw {@link BadRecordsException}. */
    public static DiffInput read(RecordReader reader, List<Path> files) {
        return new DiffInput(files.stream().map(Path::toString).toList(), reader.readAll(files));
    }

    /** Records already read; their sources name the side. */
    public static DiffInput of(List<RecordLine> records) {
        Set<String> sources = new LinkedHashSet<>();
        records.forEach(r -> sources.add(r.source()));
        return new DiffInput(List.copyOf(sources), records);
    }
}
