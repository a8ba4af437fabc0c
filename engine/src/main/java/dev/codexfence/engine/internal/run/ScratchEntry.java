package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.record.ContractViolation;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Looks at one declared scratch entry on the host, from outside the fence, without following any link, and
 * removes it: one {@code unlink}, never a folder, never recursively.
 *
 * <p>The walk starts at the root's real path, whose identity (device, inode) must still be what it was when the
 * probe started, and goes down one name at a time with {@code O_NOFOLLOW}; the entry is looked at with lstat
 * semantics and unlinked through the folder it was found in ({@code openat}/{@code fstatat}/{@code unlinkat}
 * where the JDK offers a {@link SecureDirectoryStream}, as on Linux; elsewhere path by path, each component
 * re-checked with NOFOLLOW_LINKS). Below the workspace the folders that the removal left empty are removed too,
 * each with {@code rmdir}, so a probe's {@code mkdir -p} tree goes with its file.
 */
final class ScratchEntry {

    /** What the harness found. */
    enum Verdict {
        PRESENT,
        ABSENT
    }

    private ScratchEntry() {}

    /**
     * Checks the entry at {@code placement} and removes it when it is present.
     *
     * @param mark the run's start on the file-timestamp clock: an entry last changed before it existed before the
     *        run and is refused, so that it can never count as a write the probe made
     * @throws ContractViolation naming the rule the entry breaks; the entry is then left as it is
     */
    static Verdict checkAndRemove(ScratchRoots.Placement placement, FileTime mark) throws ContractViolation {
        ScratchRoots.Root root = placement.root();
        String key = "payload.raw." + HostEffects.PATH_KEY + " \"" + placement.declared() + "\"";
        if (root.fileKey() == null || placement.rootReal() == null) {
            return Verdict.ABSENT; // no folder there when the probe started, or none now
        }
        List<Dir> open = new ArrayList<>();
        try {
            Dir dir;
            try {
                dir = Dir.open(placement.rootReal());
            } catch (NoSuchFileException | NotDirectoryException e) {
                return Verdict.ABSENT;
            }
            open.add(dir);
            if (!Objects.equals(dir.fileKey(), root.fileKey())) {
                throw new ContractViolation(key + ": the scratch root " + root.label() + " (" + root.given()
                        + ") is not the folder it was when the probe started: it was replaced during the run"
                        + " (rule: no symlink in any component)");
            }
            Path walked = placement.rootReal();
            for (String folder : placement.folders()) {
                walked = walked.resolve(folder);
                BasicFileAttributes a;
                try {
                    a = dir.lstat(folder);
                } catch (NoSuchFileException e) {
                    return Verdict.ABSENT;
                }
                if (a.isSymbolicLink()) {
                    throw new ContractViolation(key + " goes through the symlink " + walked
                            + " (rule: no symlink in any component; the harness follows no link)");
                }
                if (!a.isDirectory()) {
                    return Verdict.ABSENT; // a file where a folder would be: the entry cannot exist
                }
                try {
                    dir = dir.open(folder);
                } catch (IOException e) {
                    throw new ContractViolation(key + ": " + walked + " changed while the harness checked it ("
                            + e.getClass().getSimpleName() + ") (rule: no symlink in any component)");
                }
                open.add(dir);
            }
            return checkLeaf(placement, key, mark, open);
        } catch (IOException e) {
            throw new ContractViolation(key + ": the harness could not check it: " + e);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ContractViolation(key + ": the harness cannot check it: the name is not representable in this"
                    + " JVM's file-name encoding (sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding")
                    + "); run codex-fence under a UTF-8 locale");
        } finally {
            for (Dir d : open) {
                try {
                    d.close();
                } catch (IOException ignored) {
                    // read-only handle
                }
            }
        }
    }

    private static Verdict checkLeaf(ScratchRoots.Placement placement, String key, FileTime mark, List<Dir> open)
            throws IOException, ContractViolation {
        Dir dir = open.get(open.size() - 1);
        String name = placement.name();
        BasicFileAttributes a;
        try {
            a = dir.lstat(name);
        } catch (NoSuchFileException e) {
            return Verdict.ABSENT;
        }
        if (a.isSymbolicLink()) {
            throw new ContractViolation(key + " is a symlink (rule: the entry is a file the probe made, never a"
                    + " link; the harness follows none and leaves it)");
        }
        if (a.isDirectory()) {
            throw new ContractViolation(key + " is a folder (rule: the harness checks and removes one"
                    + " non-directory entry, never a folder)");
        }
        Path real = placement.realPath();
        Map<String, Object> unix = ctimeAndKey(real);
        if (!Objects.equals(unix.get("fileKey"), a.fileKey())) {
            throw new ContractViolation(
                    key + " changed while the harness checked it (rule: no symlink in any" + " component)");
        }
        FileTime ctime = (FileTime) unix.get("ctime");
        if (ctime.compareTo(mark) < 0) {
            throw new ContractViolation(key + " already existed before the probe run started (last changed " + ctime
                    + ", the run started " + mark + ") (rule: an entry the harness cannot attribute to this run is"
                    + " neither counted nor removed)");
        }
        try {
            dir.unlink(name);
        } catch (IOException e) {
            throw new ContractViolation(key + " is present but the harness could not remove it: " + e
                    + " (rule: a declared entry is a plain scratch entry the harness can unlink)");
        }
        // below the workspace: the folders the removal left empty go too (rmdir only; stops at the first that is not)
        for (int i = open.size() - 1; i > 0; i--) {
            try {
                open.get(i - 1).rmdir(placement.folders().get(i - 1));
            } catch (IOException e) {
                break;
            }
        }
        return Verdict.PRESENT;
    }

    /** ctime and identity of {@code path}, not following a link at its end. */
    private static Map<String, Object> ctimeAndKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:ctime,fileKey", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            // no "unix" view on this platform: the last modification is the closest portable timestamp
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Map.of("ctime", a.lastModifiedTime(), "fileKey", Objects.requireNonNullElse(a.fileKey(), ""));
        }
    }

    /** The ctime of {@code path} itself (a link is not followed). */
    static FileTime ctime(Path path) throws IOException {
        return (FileTime) ctimeAndKey(path).get("ctime");
    }

    /** An open folder, looked into without following links. */
    private interface Dir extends Closeable {

        // the stream is closed here or owned (and closed) by the SecureDir it becomes
        @SuppressWarnings("StreamResourceLeak")
        static Dir open(Path real) throws IOException {
            DirectoryStream<Path> s;
            try {
                s = Files.newDirectoryStream(real);
            } catch (AccessDeniedException e) {
                return new PathDir(real);
            }
            if (s instanceof SecureDirectoryStream<Path> secure) {
                return new SecureDir(secure);
            }
            s.close();
            return new PathDir(real);
        }

        /** The attributes of {@code name} in this folder, a link not followed; NoSuchFileException when none. */
        BasicFileAttributes lstat(String name) throws IOException;

        /** The folder {@code name}, failing when it is a link. */
        Dir open(String name) throws IOException;

        /** Removes the non-directory {@code name}. */
        void unlink(String name) throws IOException;

        /** Removes the empty folder {@code name}. */
        void rmdir(String name) throws IOException;

        Object fileKey() throws IOException;
    }

    /** openat/fstatat/unlinkat relative to an open folder: no component can be swapped under the walk. */
    private record SecureDir(SecureDirectoryStream<Path> s) implements Dir {

        @Override
        public BasicFileAttributes lstat(String name) throws IOException {
            return s.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        @Override
        public Dir open(String name) throws IOException {
            return new SecureDir(s.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void unlink(String name) throws IOException {
            s.deleteFile(Path.of(name));
        }

        @Override
        public void rmdir(String name) throws IOException {
            s.deleteDirectory(Path.of(name));
        }

        @Override
        public Object fileKey() throws IOException {
            return s.getFileAttributeView(BasicFileAttributeView.class)
                    .readAttributes()
                    .fileKey();
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    /** Path by path, each step re-checked with NOFOLLOW_LINKS (platforms without SecureDirectoryStream). */
    private record PathDir(Path dir) implements Dir {

        @Override
        public BasicFileAttributes lstat(String name) throws IOException {
            return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Dir open(String name) throws IOException {
            if (!lstat(name).isDirectory()) {
                throw new NotDirectoryException(dir.resolve(name).toString());
            }
            return new PathDir(dir.resolve(name));
        }

        @Override
        public void unlink(String name) throws IOException {
            if (lstat(name).isDirectory()) {
                throw new IOException(dir.resolve(name) + " became a folder");
            }
            Files.delete(dir.resolve(name));
        }

        @Override
        public void rmdir(String name) throws IOException {
            if (!lstat(name).isDirectory()) {
                throw new NotDirectoryException(dir.resolve(name).toString());
            }
            Files.delete(dir.resolve(name));
        }

        @Override
        public Object fileKey() throws IOException {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        }

        @Override
        public void close() {
            // nothing open
        }
    }
}
