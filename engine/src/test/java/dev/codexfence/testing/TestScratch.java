package dev.codexfence.testing;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Folders for tests that must lie outside every root codex's profiles let a sandboxed probe write: a run's scratch
 * root (the engine refuses one under {@code /tmp}, {@code $TMPDIR} or {@code java.io.tmpdir}), or a neighbour a
 * sandboxed command must not be able to write. Neither {@code @TempDir} (under {@code /tmp}) nor the module's
 * {@code target/} (under {@code /tmp} when the checkout is, as a CI clone may be) will do. They live in
 * {@code ~/.cache/codex-fence-tests/<checkout>/}, where {@code <checkout>} tells checkouts apart, and stay short:
 * runs bind AF_UNIX sockets below them (at most 107 bytes of path).
 */
public final class TestScratch {

    private TestScratch() {}

    /** A new private (0700) folder named {@code NAME-xxxx}. */
    public static Path folder(String name) throws IOException {
        Path base = Files.createDirectories(base());
        for (int i = 0; ; i++) {
            Path dir = base.resolve(name + "-"
                    + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36));
            try {
                return Files.createDirectory(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (i > 100) {
                    throw e;
                }
            }
        }
    }

    /** {@code ~/.cache/codex-fence-tests/<6 hex digits of this module's absolute path>}. */
    static Path base() {
        String module = Path.of("").toAbsolutePath().normalize().toString();
        String checkout = String.format("%06x", module.hashCode() & 0xffffff);
        return Path.of(System.getProperty("user.home"), ".cache", "codex-fence-tests", checkout);
    }
}
