package dev.codexfence.hostile;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The hostile-inputs probe root (src/test/fixtures/hostile/inputs) copied into a temp folder, plus what must
 * never be committed and is made here at test time: {@code zero.sh -> /dev/zero}, a FIFO {@code x.sh}, a
 * sparse 8 GiB {@code huge.sh} and a probe named like an AWS access key.
 */
public final class HostileInputs {

    /** The committed part. */
    public static final Path FIXTURE = Path.of("../engine/src/test/fixtures/hostile/inputs")
            .toAbsolutePath()
            .normalize();

    /** Size of the sparse {@code huge.sh}: no disk space, but stat says 8 GiB. */
    public static final long HUGE = 8L << 30;

    /** A probe id the redactor takes for an AWS access key (AWS's documented example key). */
    public static final String TOKEN_LIKE_ID = "AKIAIOSFODNN7EXAMPLE";

    private HostileInputs() {}

    /** Builds the whole hostile probe root in {@code dir} (created) and returns it. */
    public static Path build(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (var files = Files.list(FIXTURE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.createSymbolicLink(dir.resolve("zero.sh"), Path.of("/dev/zero"));
        fifo(dir.resolve("x.sh"));
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.sh").toFile(), "rw")) {
            huge.setLength(HUGE);
        }
        Path token = dir.resolve(TOKEN_LIKE_ID + ".sh");
        Files.writeString(
                token, Files.readString(dir.resolve("fx_neighbour.sh")).replace("fx_neighbour", TOKEN_LIKE_ID));
        token.toFile().setExecutable(true);
        return dir;
    }

    /** Makes a FIFO with mkfifo(1) (Linux and macOS). */
    public static Path fifo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mkfifo " + file + " failed");
        }
        return file;
    }
}
