package dev.codexfence.engine.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.ndjson.RecordReader;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded shards in {@code src/test/resources/history}: 21 probes in five modes run through the CLI on
 * Linux 6.18 as root with codex 0.40.0 ({@code debug}), 0.80.0 (Landlock, {@code sandbox-os}), 0.120.0
 * (bubblewrap, {@code sandbox-os}) and 0.171.0 ({@code sandbox-profile}), each run split into two shards by probe,
 * plus a re-run of three probes with 0.80.0 that overlaps the shards. The {@code --full-auto} generations (to 0.125) cannot
 * express {@code codex-full}, so those releases have 84 records, 0.171.0 has 105.
 */
public final class RecordedShards {

    public static final Path FOLDER =
            Path.of("../engine/src/test/resources/history").toAbsolutePath().normalize();

    private RecordedShards() {}

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> list =
                    files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
            assertThat(list).hasSize(9);
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<RecordLine> lines() {
        return new RecordReader().readAll(files());
    }
}
