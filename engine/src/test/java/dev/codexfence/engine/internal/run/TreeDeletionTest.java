package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.files.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a tree a probe had its hands on: symlinks, chmod 000 folders, immutable files. */
class TreeDeletionTest {

    @TempDir
    Path tmp;

    @Test
    void symlinksAreRemovedNeverFollowed() throws IOException {
        Path outside = Files.writeString(tmp.resolve("precious"), "keep");
        Path outsideDir = Files.createDirectories(tmp.resolve("precious-dir"));
        Files.writeString(outsideDir.resolve("f"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.createSymbolicLink(tree.resolve("to-file"), outside);
        Files.createSymbolicLink(tree.resolve("to-dir"), outsideDir);
        assertThat(TreeDeletion.delete(tmp.resolve("tree"))).isEmpty();
        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(Files.readString(outside)).isEqualTo("keep");
        assertThat(outsideDir.resolve("f")).hasContent("keep");
    }

    @Test
    void chmod000FoldersAreRemoved() throws IOException {
        Path tree = lockedTree(tmp.resolve("tree"));
        assertThat(TreeDeletion.delete(tree)).isEmpty();
        assertThat(tree).doesNotExist();
    }

    private static Path lockedTree(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("locked/inner"));
        Files.writeString(tree.resolve("locked/inner/file"), "x");
        Files.setPosixFilePermissions(tree.resolve("locked/inner"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(tree.resolve("locked"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-x------"));
        return tree;
    }

    /**
     * The same as a normal user: root needs no permission to list a folder, so when these tests run as root the
     * deletion runs in a JVM of user nobody ({@code setpriv}), on a tree nobody made.
     */
    @Test
    void chmod000FoldersAreRemovedByANormalUser() throws Exception {
        assumeTrue(
                Owner.currentUid() == 0, "this process is a normal user already: chmod000FoldersAreRemoved covers it");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "no setpriv to run as user nobody");
        Path classes = Path.of("target/classes").toAbsolutePath();
        Path testClasses = Path.of("target/test-classes").toAbsolutePath();
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = new ProcessBuilder(
                        setpriv.toString(),
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classes + ":" + testClasses,
                        TreeDeletionAsUser.class.getName(),
                        shared.resolve("tree").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assumeTrue(
                !out.contains("Could not find or load main class") && !out.contains("AccessDenied"),
                "user nobody cannot read this build's classes: " + out);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("made a tree with chmod 000 folders as uid 65534", "left: []");
        assertThat(shared.resolve("tree")).doesNotExist();
    }

    @Test
    void anImmutableFileIsReportedNotDroppedSilently() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Path locked = Files.writeString(tree.resolve("immutable"), "x");
        Process chattr = new ProcessBuilder("chattr", "+i", locked.toString())
                .redirectErrorStream(true)
                .start();
        String why = new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(chattr.waitFor() == 0, "chattr +i does not work here (needs root and ext4 or the like): " + why);
        try {
            List<TreeDeletion.Failure> left = TreeDeletion.delete(tmp.resolve("tree"));
            assertThat(left).containsExactly(new TreeDeletion.Failure(locked, "Operation not permitted"));
            assertThat(TreeDeletion.describe(left))
                    .isEqualTo("1 path(s) could not be removed: " + locked + " (Operation not permitted)");
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
        assertThat(TreeDeletion.delete(tmp.resolve("tree"))).isEmpty();
    }

    @Test
    void aMissingRootIsNothingToDo() {
        assertThat(TreeDeletion.delete(tmp.resolve("absent"))).isEmpty();
    }
}
