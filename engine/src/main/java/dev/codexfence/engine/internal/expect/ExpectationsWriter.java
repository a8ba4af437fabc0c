package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Writes recorded expectations to files. By default a file is updated: the probe × mode entries of the
 * recording replace the file's, every other entry stays (so recording one probe does not forget the rest;
 * delete a probe's line to drop it). With {@code replace} the file holds exactly the recording.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExpectationsWriter {

    private final ExpectationsReader reader = new ExpectationsReader();

    /**
     * Writes a recording: to {@code file} when given (the recording must then hold one stack), else one file
     * per stack into {@code directory}, named {@link Expectations#fileName()}.
     *
     * @return the files written, with what they now hold
     */
    public List<Expectations> write(
            ExpectationsRecorder.Recording recording, Optional<Path> file, Path directory, boolean replace) {
        if (recording.files().isEmpty()) {
            throw new ExpectationsException("no probe record to take expectations from"
                    + (recording.skipped().isEmpty()
                            ? ""
                            : " (only harness-made records: " + String.join("; ", recording.skipped()) + ")"));
        }
        if (file.isPresent() && recording.files().size() > 1) {
            throw new ExpectationsException("the records come from "
                    + recording.files().size() + " stacks ("
                    + String.join(
                            "; ",
                            recording.files().stream()
                                    .map(Expectations::describeStack)
                                    .toList())
                    + "); an expectations file holds one: name no file to write one per stack into " + directory);
        }
        List<Expectations> written = new ArrayList<>();
        for (Expectations e : recording.files()) {
            written.add(write(e, file.orElseGet(() -> directory.resolve(e.fileName())), replace));
        }
        return written;
    }

    /** Writes (or updates) one file; returns what it now holds. */
    public Expectations write(Expectations recorded, Path file, boolean replace) {
        Expectations result = recorded;
        if (!replace && Files.exists(file)) {
            Expectations existing = reader.read(file);
            if (!existing.overlaps(recorded)) {
                throw new ExpectationsException(file + " holds the expectations of " + existing.describeStack()
                        + ", but the records come from " + recorded.describeStack()
                        + "; write them to their own file (" + recorded.fileName() + ")");
            }
            result = merge(existing, recorded);
        }
        result = result.withSource(file.toString());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // a new file with an unpredictable name, renamed over the target: never written through a symlink
            dev.codexfence.engine.internal.files.ExclusiveFiles.replace(
                    file.toAbsolutePath(),
                    ExpectationsFormat.format(result).getBytes(StandardCharsets.UTF_8),
                    dev.codexfence.engine.internal.files.ExclusiveFiles.SHARED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write expectations file " + file + ": " + e.getMessage(), e);
        }
        return result;
    }

    /** The existing entries, overwritten by the recorded ones; the stack's interface is kept once known. */
    static Expectations merge(Expectations existing, Expectations recorded) {
        Map<String, Map<String, ExpectedOutcome>> probes = new LinkedHashMap<>();
        existing.probes().forEach((p, modes) -> probes.put(p, new LinkedHashMap<>(modes)));
        recorded.probes()
                .forEach((p, modes) ->
                        probes.computeIfAbsent(p, k -> new LinkedHashMap<>()).putAll(modes));
        String sandboxInterface =
                recorded.sandboxInterface() != null ? recorded.sandboxInterface() : existing.sandboxInterface();
        return new Expectations(existing.source(), recorded.platform(), recorded.release(), sandboxInterface, probes);
    }
}
