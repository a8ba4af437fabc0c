package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.files.PrivateFolder;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Removes a tree the harness made (a workspace, the run's scratch folder) whatever a probe did to it: symlinks
 * are removed, never followed; folders are made readable, writable and searchable by their owner before their
 * entries are listed (a {@code chmod 000} folder goes too); the walk keeps its own stack, so a deep tree cannot
 * overflow the JVM's. What still cannot be removed (an immutable file, say) is returned, never dropped silently.
 */
@API(status = INTERNAL, since = "0.1")
public final class TreeDeletion {

    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** A path that stayed, and why. */
    public record Failure(Path path, String reason) {
        @Override
        public String toString() {
            return path + " (" + reason + ")";
        }
    }

    private TreeDeletion() {}

    /** Deletes {@code root} and everything below it; returns what could not be removed (empty when all went). */
    public static List<Failure> delete(Path root) {
        List<Failure> failures = new ArrayList<>();
        if (root == null) {
            return failures;
        }
        BasicFileAttributes rootAttrs = attributes(root);
        if (rootAttrs == null) {
            return failures;
        }
        if (!rootAttrs.isDirectory()) {
            remove(root, failures);
            return failures;
        }
        Deque<Frame> stack = new ArrayDeque<>();
        Frame top = open(root, failures);
        if (top == null) {
            return failures;
        }
        stack.push(top);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next < f.entries.size()) {
                Path p = f.entries.get(f.next++);
                BasicFileAttributes a = attributes(p);
                if (a == null) {
                    continue; // gone meanwhile
                }
                if (a.isDirectory()) {
                    Frame child = open(p, failures);
                    if (child == null) {
                        f.childFailed = true;
                    } else {
                        stack.push(child);
                    }
                } else if (!remove(p, failures)) {
                    f.childFailed = true;
                }
            } else {
                stack.pop();
                boolean removed = removeDirectory(f, failures);
                if (!removed && !stack.isEmpty()) {
                    stack.peek().childFailed = true;
                }
            }
        }
        return failures;
    }

    /** Deletes and describes what stayed in one line, or returns null when everything went. */
    public static String deleteAndDescribe(Path root) {
        List<Failure> left = delete(root);
        return left.isEmpty() ? null : describe(left);
    }

    /** "N path(s) could not be removed: A (reason), B (reason), …" (at most ten named). */
    public static String describe(List<Failure> failures) {
        List<String> named = failures.stream().limit(10).map(Failure::toString).toList();
        return failures.size() + " path(s) could not be removed: " + String.join(", ", named)
                + (failures.size() > named.size() ? ", and " + (failures.size() - named.size()) + " more" : "");
    }

    private static final class Frame {
        final Path dir;
        final List<Path> entries;
        int next;
        boolean childFailed;

        Frame(Path dir, List<Path> entries) {
            this.dir = dir;
            this.entries = entries;
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Lists a folder (made searchable first); null, with the failure noted, when it cannot be listed. */
    private static Frame open(Path dir, List<Failure> failures) {
        makeOwnerAccessible(dir);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        } catch (NoSuchFileException e) {
            return new Frame(dir, entries);
        } catch (IOException e) {
            // cannot list it: perhaps it is empty and can go anyway
            try {
                Files.delete(dir);
                return new Frame(dir, List.of()); // already gone: popping it finds nothing to remove
            } catch (IOException again) {
                failures.add(new Failure(dir, PrivateFolder.reason(e)));
                return null;
            }
        }
        return new Frame(dir, entries);
    }

    private static void makeOwnerAccessible(Path dir) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!perms.containsAll(OWNER_RWX)) {
                perms.addAll(OWNER_RWX);
                Files.setPosixFilePermissions(dir, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not ours to change (or not POSIX): listing it tells
        }
    }

    private static boolean remove(Path p, List<Failure> failures) {
        try {
            Files.delete(p);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            failures.add(new Failure(p, PrivateFolder.reason(e)));
            return false;
        }
    }

    private static boolean removeDirectory(Frame f, List<Failure> failures) {
        try {
            Files.delete(f.dir);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (DirectoryNotEmptyException e) {
            if (!f.childFailed) {
                failures.add(new Failure(f.dir, "an entry appeared while it was being removed"));
            }
            return false;
        } catch (IOException e) {
            failures.add(new Failure(f.dir, PrivateFolder.reason(e)));
            return false;
        }
    }
}
