package dev.codexfence.engine.internal.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Folders no other user can write: made with mode 0700 when missing, and refused when they exist but belong to
 * someone else or are writable by group or others (another local user could then plant or swap entries in them).
 */
@API(status = INTERNAL, since = "0.1")
public final class PrivateFolder {

    /** Mode 0700. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {}

    /**
     * Makes {@code dir} (missing parents too, each 0700) or checks the existing one.
     *
     * @param what how error messages name the folder, e.g. {@code "output folder (--output)"}
     * @return {@code dir}, absolute and normalised
     * @throws IOException with a message naming {@code what} and the folder when it is unusable
     */
    public static Path ensure(Path dir, String what) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = abs; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // made at the same moment by someone else: checked below like any existing folder
            } catch (IOException e) {
                throw new IOException(what + " " + abs + " cannot be created: " + reason(e), e);
            }
        }
        check(abs, what);
        return abs;
    }

    /** Checks an existing folder: a directory (a symlink to one is followed) of this user, not writable by others. */
    public static void check(Path dir, String what) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (IOException e) {
            throw new IOException(what + " " + dir + " cannot be read: " + reason(e), e);
        }
        if (!attrs.isDirectory()) {
            throw new IOException(what + " " + dir + " is not a directory");
        }
        long owner = Owner.uidOf(dir);
        long me = Owner.currentUid();
        if (owner >= 0 && me >= 0 && owner != me) {
            throw new IOException(what + " " + dir + " belongs to another user (uid " + owner
                    + ", this process runs as uid " + me + "); codex-fence writes only into folders of its own user");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(
                    what + " " + dir + " is writable by "
                            + (perms.contains(PosixFilePermission.OTHERS_WRITE) ? "every user" : "its group")
                            + " (mode " + PosixFilePermissions.toString(perms)
                            + "); codex-fence writes only into folders no other user can write: choose another or chmod go-w it");
        }
    }

    /** An exception's own reason (e.g. "Permission denied"), else its message. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
