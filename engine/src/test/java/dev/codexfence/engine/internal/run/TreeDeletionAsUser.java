package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.files.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@link TreeDeletionTest}'s helper, started as another user: makes a tree with chmod 000 folders at the path it
 * is given, deletes it with {@link TreeDeletion} and prints what was left.
 */
public final class TreeDeletionAsUser {

    private TreeDeletionAsUser() {}

    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Files.createDirectories(tree.resolve("locked/inner"));
        Files.writeString(tree.resolve("locked/inner/file"), "x");
        Files.setPosixFilePermissions(tree.resolve("locked/inner"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(tree.resolve("locked"), PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(tree.resolve("locked"))) {
            throw new IllegalStateException("a chmod 000 folder is readable: this is not a normal user");
        }
        System.out.println("made a tree with chmod 000 folders as uid " + Owner.currentUid());
        System.out.println("left: " + TreeDeletion.delete(tree));
        System.exit(Files.exists(tree) ? 1 : 0);
    }
}
