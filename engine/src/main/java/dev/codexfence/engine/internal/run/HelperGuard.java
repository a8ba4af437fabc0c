package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.files.ExclusiveFiles;
import dev.codexfence.engine.internal.files.PrivateFolder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The run's private copy of the helpers ({@code FENCE_BIN}), held in memory too: the bytes and SHA-256 digest of
 * each helper, its mode (0500) and the folder's (0500). {@link #changes()} compares the folder with that copy:
 * an entry added or removed, a helper that is no longer a regular file, has another mode, another size or
 * another digest. {@link #check} restores a changed folder from memory and reports the change. A folder that
 * cannot be restored stays reported at every later check, so no later record passes as honest.
 */
@API(status = INTERNAL, since = "0.1")
public final class HelperGuard implements IntegrityWatch.Guarded {

    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("r-x------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("r-x------");

    private record Helper(byte[] bytes, byte[] sha256) {}

    private final Path dir;
    private final Map<String, Helper> helpers = new LinkedHashMap<>();
    /**
     * Inode and change time of the folder ({@code ""}) and of each helper as last written: a helper changed and
     * changed back between two checks (by a run in parallel with another one that used it meanwhile) has the
     * right content again but a new change time, which no one but the kernel can set.
     */
    private Map<String, String> stamps = Map.of();

    private long intactAt;
    private String unrestorable;

    private HelperGuard(Path dir, Map<String, byte[]> contents) {
        this.dir = dir;
        contents.forEach((name, bytes) -> helpers.put(name, new Helper(bytes.clone(), sha256(bytes))));
    }

    /** Writes {@code contents} (helper name to bytes) into the new folder {@code dir} and guards it. */
    public static HelperGuard install(Path dir, Map<String, byte[]> contents) throws IOException {
        HelperGuard guard = new HelperGuard(dir, contents);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
        guard.writeAll();
        guard.stamps = guard.stamps();
        List<String> changes = guard.changes();
        if (!changes.isEmpty()) {
            throw new IOException(
                    "the helpers in " + dir + " do not read back as written: " + String.join(", ", changes));
        }
        return guard;
    }

    /** The folder probes get as {@code FENCE_BIN}. */
    public Path dir() {
        return dir;
    }

    /** How the folder differs from the in-memory copy, one short phrase per difference; empty when it does not. */
    public List<String> changes() {
        List<String> out = new ArrayList<>();
        PosixFileAttributes d = attributes(dir);
        if (d == null || !d.isDirectory()) {
            out.add("the folder itself "
                    + (d == null
                            ? "is gone"
                            : d.isSymbolicLink() ? "was replaced by a symlink" : "was replaced by a file"));
            return out;
        }
        if (!d.permissions().equals(DIR_MODE)) {
            out.add("the folder's mode (" + PosixFilePermissions.toString(d.permissions()) + ")");
        }
        boolean folderTouched = !Objects.equals(stamps.get(""), stamp(dir));
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            out.add("the folder cannot be listed (" + PrivateFolder.reason(e) + ")");
            return out;
        }
        for (String name : names) {
            if (!helpers.containsKey(name)) {
                out.add("an added entry " + name);
            }
        }
        for (Map.Entry<String, Helper> e : helpers.entrySet()) {
            String change = change(e.getKey(), e.getValue(), names.contains(e.getKey()));
            if (change != null) {
                out.add(change);
            } else if (!Objects.equals(stamps.get(e.getKey()), stamp(dir.resolve(e.getKey())))) {
                out.add(e.getKey() + " (rewritten: its content and mode are right again, but its inode or change time"
                        + " moved)");
            }
        }
        if (out.isEmpty() && folderTouched) {
            out.add("the folder itself (changed and changed back: its change time moved)");
        }
        return out;
    }

    private Map<String, String> stamps() {
        Map<String, String> now = new LinkedHashMap<>();
        now.put("", stamp(dir));
        for (String name : helpers.keySet()) {
            now.put(name, stamp(dir.resolve(name)));
        }
        return now;
    }

    /** "inode@ctime" of {@code p} (not following a symlink), or null where the file system does not say. */
    private static String stamp(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
            return a.get("ino") + "@" + a.get("ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private String change(String name, Helper expected, boolean listed) {
        Path p = dir.resolve(name);
        PosixFileAttributes a = listed ? attributes(p) : null;
        if (a == null) {
            return name + " (removed)";
        }
        if (!a.isRegularFile()) {
            return name + " (" + (a.isSymbolicLink() ? "now a symlink" : "no longer a regular file") + ")";
        }
        List<String> how = new ArrayList<>();
        if (!a.permissions().equals(FILE_MODE)) {
            how.add("mode " + PosixFilePermissions.toString(a.permissions()));
        }
        String content = contentChange(p, expected);
        if (content != null) {
            how.add(content);
        }
        return how.isEmpty() ? null : name + " (" + String.join(", ", how) + ")";
    }

    private static String contentChange(Path p, Helper expected) {
        ByteBuffer buf = ByteBuffer.allocate(expected.bytes.length + 1);
        try (SeekableByteChannel c = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (buf.hasRemaining() && c.read(buf) >= 0) {
                // read up to one byte more than expected
            }
        } catch (IOException e) {
            return "unreadable: " + PrivateFolder.reason(e);
        }
        buf.flip();
        byte[] actual = new byte[buf.remaining()];
        buf.get(actual);
        byte[] digest = sha256(actual);
        if (MessageDigest.isEqual(digest, expected.sha256)) {
            return null;
        }
        return "content: SHA-256 " + HexFormat.of().formatHex(digest, 0, 6) + "… instead of "
                + HexFormat.of().formatHex(expected.sha256, 0, 6) + "…";
    }

    /** Checks at every call, whether or not a probe ran since the last one (before and after every probe run). */
    @Override
    public List<IntegrityWatch.Finding> check(long now, java.util.function.LongPredicate ranSince) {
        return check(now);
    }

    /** Compares the folder with the in-memory copy; restores it and reports the change when they differ. */
    public List<IntegrityWatch.Finding> check(long now) {
        if (unrestorable != null) {
            return List.of(new IntegrityWatch.Finding(unrestorable, intactAt));
        }
        List<String> changes = changes();
        if (changes.isEmpty()) {
            intactAt = now;
            return List.of();
        }
        String what = "the helpers in FENCE_BIN (" + dir + ") were changed: " + String.join(", ", changes);
        List<IntegrityWatch.Finding> found = new ArrayList<>();
        try {
            restore();
            stamps = stamps();
            List<String> after = changes();
            if (!after.isEmpty()) {
                throw new IOException("still changed after restoring: " + String.join(", ", after));
            }
            found.add(new IntegrityWatch.Finding(what + "; restored from the harness's in-memory copy", intactAt));
            intactAt = now;
        } catch (IOException e) {
            unrestorable = what + "; they could not be restored (" + e.getMessage()
                    + "), so no later probe run's record" + " can be trusted";
            found.add(new IntegrityWatch.Finding(unrestorable, intactAt));
        }
        return found;
    }

    /** Puts the folder back as installed, whatever is there now. */
    void restore() throws IOException {
        PosixFileAttributes d = attributes(dir);
        if (d != null && !d.isDirectory()) {
            failIfLeft(TreeDeletion.delete(dir));
            d = null;
        }
        if (d == null) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
        } else {
            Files.setPosixFilePermissions(dir, PrivateFolder.OWNER_ONLY);
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                failIfLeft(TreeDeletion.delete(p));
            }
        }
        writeAll();
    }

    private void writeAll() throws IOException {
        for (Map.Entry<String, Helper> e : helpers.entrySet()) {
            try (OutputStream out = ExclusiveFiles.create(dir.resolve(e.getKey()), FILE_MODE)) {
                out.write(e.getValue().bytes);
            }
            Files.setPosixFilePermissions(dir.resolve(e.getKey()), FILE_MODE); // the umask may have narrowed it
        }
        Files.setPosixFilePermissions(dir, DIR_MODE);
    }

    private static void failIfLeft(List<TreeDeletion.Failure> left) throws IOException {
        if (!left.isEmpty()) {
            throw new IOException(TreeDeletion.describe(left));
        }
    }

    private static PosixFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
