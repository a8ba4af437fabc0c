package dev.codexfence.engine.internal.run;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every workspace starts with, held in memory: each path (relative, {@code /}-separated), whether it is a
 * folder or a file, its mode, and a file's bytes with their SHA-256. Workspaces are made from it
 * ({@link #materialise}), checked against it ({@link #differences}), and a probe's leftovers are the paths it
 * does not have ({@link #extraPaths}), so nothing on disk can change what a fresh workspace is.
 */
final class WorkspaceManifest {

    /** A manifest file larger than this is not a workspace fixture. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private static final int MAX_REPORTED = 8;

    record Entry(String path, boolean directory, Set<PosixFilePermission> mode, byte[] bytes, byte[] sha256) {}

    /** Entries with every folder before what it holds; the root itself is {@code ""}. */
    private final Map<String, Entry> entries;

    private WorkspaceManifest(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Reads the tree at {@code root}: folders and regular files only (anything else is refused). */
    static WorkspaceManifest read(Path root) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Found> e : walk(root, false).entrySet()) {
            PosixFileAttributes a = e.getValue().attrs();
            Path p = e.getValue().path();
            if (a != null && a.isDirectory()) {
                entries.put(e.getKey(), new Entry(e.getKey(), true, a.permissions(), null, null));
            } else if (a != null && a.isRegularFile() && a.size() <= MAX_FILE_BYTES) {
                byte[] bytes = Files.readAllBytes(p);
                entries.put(
                        e.getKey(), new Entry(e.getKey(), false, a.permissions(), bytes, HelperGuard.sha256(bytes)));
            } else {
                throw new IOException("the workspace template holds " + p + ", which is not a folder or a small file");
            }
        }
        return new WorkspaceManifest(entries);
    }

    /** Every path of the manifest but the root. */
    Set<String> paths() {
        Set<String> p = new java.util.TreeSet<>(entries.keySet());
        p.remove("");
        return p;
    }

    /** Makes a new workspace at {@code target} (which must not exist) with exactly the manifest's content. */
    void materialise(Path target) throws IOException {
        for (Entry e : entries.values()) {
            Path p = e.path().isEmpty() ? target : target.resolve(e.path());
            if (e.directory()) {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(e.mode()));
            } else {
                try (OutputStream out = ExclusiveFiles.create(p, e.mode())) {
                    out.write(e.bytes());
                }
            }
        }
    }

    /**
     * How the tree at {@code root} differs from the manifest: added, missing or changed paths (type, mode or
     * content), as short phrases (at most a few named); empty when it does not.
     */
    List<String> differences(Path root) {
        List<String> planted = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, Found> actual;
        try {
            actual = walk(root, false);
        } catch (IOException e) {
            return List.of("it cannot be read (" + PrivateFolder.reason(e) + ")");
        }
        for (Map.Entry<String, Found> a : actual.entrySet()) {
            Entry e = entries.get(a.getKey());
            if (e == null) {
                planted.add(a.getKey());
            } else if (!same(e, a.getValue())) {
                changed.add(e.path().isEmpty() ? "the workspace folder itself" : e.path());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String p : entries.keySet()) {
            if (!actual.containsKey(p)) {
                missing.add(p);
            }
        }
        List<String> out = new ArrayList<>();
        describe(out, "added", planted);
        describe(out, "changed", changed);
        describe(out, "removed", missing);
        return out;
    }

    /**
     * The paths under {@code root} the manifest does not have, sorted; nothing inside {@code .git} is listed
     * (git keeps its own bookkeeping there; probes that touch it are judged by their records).
     */
    List<String> extraPaths(Path root) throws IOException {
        List<String> extra = new ArrayList<>();
        for (String p : walk(root, true).keySet()) {
            if (!p.isEmpty() && !entries.containsKey(p)) {
                extra.add(p);
            }
        }
        Collections.sort(extra);
        return extra;
    }

    private static void describe(List<String> out, String how, List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<String> named = paths.stream().limit(MAX_REPORTED).toList();
        out.add(how + " " + String.join(", ", named)
                + (paths.size() > named.size() ? " and " + (paths.size() - named.size()) + " more" : ""));
    }

    private static boolean same(Entry e, Found found) {
        PosixFileAttributes a = found.attrs();
        Path p = found.path();
        if (a == null || !a.permissions().equals(e.mode())) {
            return false;
        }
        if (e.directory()) {
            return a.isDirectory();
        }
        if (!a.isRegularFile() || a.size() != e.bytes().length) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.allocate(e.bytes().length + 1);
        try (SeekableByteChannel c = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (buf.hasRemaining() && c.read(buf) >= 0) {
                // up to one byte more than expected
            }
        } catch (IOException ex) {
            return false;
        }
        buf.flip();
        byte[] actual = new byte[buf.remaining()];
        buf.get(actual);
        return MessageDigest.isEqual(HelperGuard.sha256(actual), e.sha256());
    }

    /** A path found by {@link #walk}, with its attributes (null when they could not be read). */
    private record Found(Path path, PosixFileAttributes attrs) {}

    /**
     * Every path under {@code root} ({@code ""} for the root), without following symlinks, each read once; with
     * {@code skipGit}, {@code .git} folders are listed but not entered. A folder that cannot be listed is listed
     * itself only.
     */
    private static Map<String, Found> walk(Path root, boolean skipGit) throws IOException {
        Map<String, Found> out = new TreeMap<>();
        PosixFileAttributes rootAttrs =
                Files.readAttributes(root, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!rootAttrs.isDirectory()) {
            throw new IOException(root + " is not a folder");
        }
        out.put("", new Found(root, rootAttrs));
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    PosixFileAttributes a;
                    try {
                        a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        a = null;
                    }
                    out.put(root.relativize(p).toString(), new Found(p, a));
                    if (a != null
                            && a.isDirectory()
                            && !(skipGit && p.getFileName().toString().equals(".git"))) {
                        dirs.push(p);
                    }
                }
            } catch (IOException e) {
                if (dir.equals(root)) {
                    throw e;
                }
                // an unreadable folder: listed itself, its content unknown (it differs from the manifest anyway)
            }
        }
        return out;
    }
}
