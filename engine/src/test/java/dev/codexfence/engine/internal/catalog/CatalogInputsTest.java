package dev.codexfence.engine.internal.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.hostile.HostileInputs;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A catalog is read only from a regular file of at most 16 MiB (issue 13, item 8). */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CatalogInputsTest {

    @TempDir
    Path dir;

    private final CatalogLoader loader = new CatalogLoader();

    @Test
    void devZeroAFifoAndAnOversizedFileAreRefusedNamingTheFile() throws Exception {
        assertThatThrownBy(() -> loader.load(Path.of("/dev/zero")))
                .isInstanceOf(CatalogException.class)
                .hasMessage("/dev/zero: cannot read the catalog: it is a character device, not a regular file");
        Path fifo = HostileInputs.fifo(dir.resolve("catalog.json"));
        assertThatThrownBy(() -> loader.load(fifo))
                .hasMessage(fifo + ": cannot read the catalog: it is a FIFO, not a regular file");
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(17L << 20);
        }
        assertThatThrownBy(() -> loader.load(big))
                .hasMessage(big + ": cannot read the catalog: it is 17 MiB"
                        + " (17825792 bytes), more than the 16 MiB a catalog may be");
    }
}
