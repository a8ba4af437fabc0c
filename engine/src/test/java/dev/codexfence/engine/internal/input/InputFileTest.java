package dev.codexfence.engine.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.hostile.HostileInputs;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files are opened, and never past their cap; every refusal names the file and says what it is.
 * Under a timeout: opening a FIFO would block until this test fails instead of hanging the build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFileTest {

    private static final InputLimit KIB = new InputLimit("a test input", 1024);

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = HostileInputs.fifo(dir.resolve("x.sh"));
        assertThatThrownBy(() -> InputFile.readText(fifo, KIB))
                .isInstanceOf(InputException.class)
                .hasMessage(fifo + ": is a FIFO, not a regular file");
        assertThatThrownBy(() -> InputFile.open(fifo, KIB)).hasMessage(fifo + ": is a FIFO, not a regular file");
    }

    @Test
    void devicesAndLinksToThemAreRefusedByKind() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertThatThrownBy(() -> InputFile.readText(zero, KIB))
                .hasMessage("/dev/zero: is a character device, not a regular file");
        Path link = Files.createSymbolicLink(dir.resolve("zero.sh"), zero);
        assertThatThrownBy(() -> InputFile.readBytes(link, KIB))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.problem())
                                .isEqualTo("is a symlink to /dev/zero, a character device, not a regular file"));
    }

    @Test
    void aSocketAFolderAMissingFileAndADanglingLinkAreNamed() throws Exception {
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThatThrownBy(() -> InputFile.check(socket, KIB))
                    .hasMessage(socket + ": is a socket, not a regular file");
        }
        assertThatThrownBy(() -> InputFile.check(dir, KIB)).hasMessage(dir + ": is a directory, not a regular file");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> InputFile.check(missing, KIB)).hasMessage(missing + ": does not exist");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), missing);
        assertThatThrownBy(() -> InputFile.check(dangling, KIB))
                .hasMessage(dangling + ": is a dangling symlink (to " + missing + ")");
    }

    @Test
    void aFileOverItsCapIsRefusedBySizeAndOneAtTheCapIsRead() throws Exception {
        Path over = Files.write(dir.resolve("over.sh"), new byte[1025]);
        assertThatThrownBy(() -> InputFile.readText(over, KIB))
                .hasMessage(over + ": is 1.0 KiB (1025 bytes), more than the 1 KiB a test input may be");
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(7L << 30);
        }
        assertThatThrownBy(() -> InputFile.readText(huge, new InputLimit("a probe", InputLimit.MIB)))
                .hasMessage(huge + ": is 7 GiB (7516192768 bytes), more than the 1 MiB a probe may be");
        Path exact = Files.writeString(dir.resolve("exact.sh"), "é".repeat(512)); // 1024 bytes
        assertThat(InputFile.readText(exact, KIB)).hasSize(512);
        Path link = Files.createSymbolicLink(dir.resolve("link.sh"), exact);
        assertThat(InputFile.readText(link, KIB)).isEqualTo("é".repeat(512));
    }

    @Test
    void aFileWhoseSizeLiesIsStillReadOnlyUpToTheCap() throws Exception {
        Path maps = Path.of("/proc/self/maps"); // stat says 0 bytes, reading gives kilobytes
        assumeTrue(Files.isRegularFile(maps) && Files.size(maps) == 0, "no /proc here");
        InputLimit tiny = new InputLimit("a test input", 16);
        assertThatThrownBy(() -> InputFile.readBytes(maps, tiny))
                .hasMessage(maps + ": is more than the 16 bytes a test input may be");
        try (InputStream in = InputFile.open(maps, tiny)) {
            assertThatThrownBy(in::readAllBytes).hasMessage(maps + ": is more than the 16 bytes a test input may be");
        }
    }

    @Test
    void invalidUtf8IsNamedWithItsOffset() throws Exception {
        Path bad = Files.write(dir.resolve("bad.json"), new byte[] {'a', 'b', 'c', (byte) 0xff, 'd'});
        assertThatThrownBy(() -> InputFile.readText(bad, KIB))
                .hasMessage(bad + ": is not UTF-8 text (an invalid byte sequence at byte offset 3)");
    }
}
