package dev.codexfence.engine.internal.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.hostile.HostileInputs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NDJSON inputs (--diff, --report, --record-expectations) are regular files of at most 64 MiB with lines of at
 * most 4 MiB; a stream (standard input) is cut at the same caps. Every problem of every input is collected.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecordReaderInputsTest {

    @TempDir
    Path dir;

    @Test
    void aFifoDevZeroAndAnEndlessLineAreEachAProblemNamingTheInput() throws Exception {
        Path fifo = HostileInputs.fifo(dir.resolve("run.ndjson"));
        Path zero = Files.createSymbolicLink(dir.resolve("zero.ndjson"), Path.of("/dev/zero"));
        Path longLine = Files.write(dir.resolve("long.ndjson"), new byte[(int) RecordReader.MAX_LINE_BYTES + 1]);
        assertThatThrownBy(() -> new RecordReader().readAll(java.util.List.of(fifo, zero, longLine)))
                .isInstanceOfSatisfying(
                        BadRecordsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        fifo + ": is a FIFO, not a regular file",
                                        zero + ": is a symlink to /dev/zero, a character device, not a regular file",
                                        longLine
                                                + ":1: the line is longer than 4 MiB, more than a line of an NDJSON input may be;"
                                                + " the rest was not read"));
    }

    @Test
    void anEndlessStreamStopsAtTheLineCap() throws Exception {
        try (InputStream zero = Files.newInputStream(Path.of("/dev/zero"))) {
            assertThatThrownBy(() -> new RecordReader().read("<stdin>", zero))
                    .isInstanceOfSatisfying(
                            BadRecordsException.class,
                            e -> assertThat(e.problems())
                                    .containsExactly(
                                            "<stdin>:1: the line is longer than 4 MiB, more than a line of an NDJSON input may be;"
                                                    + " the rest was not read"));
        }
    }
}
