package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.hostile.HostileInputs;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations files are regular files of at most 16 MiB; a FIFO or a device among the folder's {@code *.json}
 * is an error naming it, not silently skipped (issue 13, item 8).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExpectationsInputsTest {

    @TempDir
    Path dir;

    @Test
    void aFifoInTheFolderIsAnErrorNamingIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("expectations"));
        Path fifo = HostileInputs.fifo(folder.resolve("linux-codex-9.9.9.json"));
        assertThatThrownBy(() -> ExpectationsFolder.load(folder))
                .isInstanceOf(ExpectationsException.class)
                .hasMessage(fifo + ": cannot read the expectations file: it is a FIFO, not a regular file");
    }

    @Test
    void devZeroAndAnOversizedFileAreRefused() throws Exception {
        Path zero = Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> new ExpectationsReader().read(zero))
                .hasMessage(zero + ": cannot read the"
                        + " expectations file: it is a symlink to /dev/zero, a character device, not a regular file");
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(32L << 20);
        }
        assertThatThrownBy(() -> new ExpectationsReader().read(big))
                .hasMessage(big + ": cannot read the expectations"
                        + " file: it is 32 MiB (33554432 bytes), more than the 16 MiB an expectations file may be");
    }
}
