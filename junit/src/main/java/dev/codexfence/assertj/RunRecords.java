package dev.codexfence.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.codexfence.engine.internal.input.InputFile;
import dev.codexfence.engine.internal.ndjson.BadRecordsException;
import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The records of a run (or any bunch of records) to assert on as a whole, e.g. the NDJSON file a
 * {@code mvn test} or {@code codex-fence} run wrote.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunRecords(List<BoundaryObject> records) {

    public RunRecords {
        records = List.copyOf(records);
    }

    public static RunRecords of(Collection<? extends BoundaryObject> records) {
        return new RunRecords(List.copyOf(records));
    }

    public static RunRecords of(BoundaryObject... records) {
        return new RunRecords(Arrays.asList(records));
    }

    /**
     * Reads an NDJSON file: one cfbo-v1 record per line (blank lines are skipped), each checked against the
     * bundled schema, as {@code codex-fence --diff} and {@code --report} read their inputs.
     *
     * @throws IllegalArgumentException naming the file and line of the first line that is not a cfbo-v1 record
     * @throws UncheckedIOException when the file cannot be read
     */
    public static RunRecords fromNdjson(Path file) {
        List<RecordLine> lines;
        try (InputStream in = InputFile.open(file, RecordReader.LIMIT)) {
            lines = new RecordReader().read(file.toString(), in);
        } catch (BadRecordsException e) {
            List<String> problems = e.problems();
            throw new IllegalArgumentException(
                    problems.get(0)
                            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more bad lines)" : ""),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read records from " + file + ": " + e.getMessage(), e);
        }
        return new RunRecords(lines.stream().map(RecordLine::record).toList());
    }

    /** The records that match. */
    public RunRecords filter(Predicate<? super BoundaryObject> predicate) {
        return new RunRecords(records.stream().filter(predicate).toList());
    }

    /** The records of one probe. */
    public RunRecords forProbe(String probeId) {
        return filter(r -> r.probe() != null && probeId.equals(r.probe().id()));
    }

    /** The records whose primary capability is {@code capabilityId}. */
    public RunRecords forCapability(String capabilityId) {
        return filter(r -> r.probe() != null && capabilityId.equals(r.probe().primaryCapabilityId()));
    }

    /** The records of one mode. */
    public RunRecords inMode(String mode) {
        return filter(r -> r.run() != null && mode.equals(r.run().mode()));
    }

    public int size() {
        return records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
