package dev.codexfence.engine.internal.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Files the harness writes into folders others may have touched (the output folder): each is created anew
 * ({@code O_CREAT|O_EXCL}, so never through a symlink or into an existing file) with the mode asked for, and a
 * finished file replaces its target by an atomic rename of a temporary file with an unpredictable name.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExclusiveFiles {

    /** Records and reports: only the user reads them. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Files meant to be shared, such as expectations checked into a repository. */
    public static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 16;

    private ExclusiveFiles() {}

    /**
     * A new file, opened for writing; fails with {@link FileAlreadyExistsException} when anything (a file, a
     * symlink, a dangling symlink) already has that name.
     */
    public static OutputStream create(Path file, Set<PosixFilePermission> mode) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(
                file,
                Set.of(
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(mode)));
    }

    /**
     * Writes {@code content} to a new temporary file next to {@code target} ({@code .NAME.RANDOM.tmp}) and renames
     * it over {@code target} atomically: readers see the old file or the whole new one, and whatever had
     * {@code target}'s name (a symlink included) is replaced, never written through.
     */
    public static Path replace(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = null;
        for (int i = 0; i < ATTEMPTS && tmp == null; i++) {
            Path candidate = target.resolveSibling("." + target.getFileName() + "." + randomName() + ".tmp");
            try (OutputStream out = create(candidate, mode)) {
                tmp = candidate;
                out.write(content);
            } catch (FileAlreadyExistsException e) {
                // taken (by chance or on purpose): another name
            } catch (IOException e) {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
                throw e;
            }
        }
        if (tmp == null) {
            throw new IOException(
                    "cannot create a temporary file next to " + target + ": " + ATTEMPTS + " names taken");
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return target;
    }

    static String randomName() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
