package dev.codexfence.engine.internal.input;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apiguardian.api.API;

/**
 * What a path is, as {@code stat(2)} says, following symlinks: only a {@link #REGULAR} file is ever opened as
 * an input. Never opens the file (stat on a FIFO or a device does not block or read).
 */
@API(status = INTERNAL, since = "0.1")
public enum FileKind {
    REGULAR("a regular file"),
    DIRECTORY("a directory"),
    FIFO("a FIFO"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    /** Not a regular file, but the platform does not say which kind (no {@code unix:mode} attribute). */
    OTHER("a special file");

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private final String noun;

    FileKind(String noun) {
        this.noun = noun;
    }

    /** "a FIFO", "a character device", … */
    public String noun() {
        return noun;
    }

    /**
     * The kind of what {@code path} leads to (symlinks followed).
     *
     * @throws java.nio.file.NoSuchFileException when nothing is there (also for a dangling symlink)
     */
    public static FileKind of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        if (a.isRegularFile()) {
            return REGULAR;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        Object mode;
        try {
            mode = Files.getAttribute(path, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return OTHER;
        }
        if (!(mode instanceof Integer m)) {
            return OTHER;
        }
        return switch (m & S_IFMT) {
            case S_IFIFO -> FIFO;
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            case S_IFSOCK -> SOCKET;
            default -> OTHER;
        };
    }
}
