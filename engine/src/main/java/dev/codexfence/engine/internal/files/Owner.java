package dev.codexfence.engine.internal.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Numeric user ids: of this process, and of a file. */
@API(status = INTERNAL, since = "0.1")
public final class Owner {

    private static final long CURRENT = lookUpCurrentUid();

    private Owner() {}

    /** This process's user id, or -1 where it cannot be known (not a Unix). */
    public static long currentUid() {
        return CURRENT;
    }

    /** The user id owning {@code path} (a symlink is followed), or -1 where the file system has none. */
    public static long uidOf(Path path) throws IOException {
        try {
            return ((Number) Files.getAttribute(path, "unix:uid")).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static long lookUpCurrentUid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            return -1; // not a Unix, or the jdk.security.auth module is absent: the owner check is skipped
        }
    }
}
