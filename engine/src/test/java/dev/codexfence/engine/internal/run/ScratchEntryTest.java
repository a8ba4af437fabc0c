package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.record.ContractViolation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules a declared {@code host_effect_path} must pass ({@link ScratchRoots}) and the no-follow check and
 * removal of the entry ({@link ScratchEntry}), on real files in a scratch tree: a fake {@code $HOME}, a
 * workspace, and a victim folder outside every root.
 */
class ScratchEntryTest {

    private static final String ID = "fx_probe";
    private static final String NAME = ".codex-fence-" + ID + "-1-2";

    @TempDir
    Path tmp;

    private Path home;
    private Path ws;
    private Path victims;

    @BeforeEach
    void tree() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        ws = Files.createDirectories(tmp.resolve("ws"));
        victims = Files.createDirectories(tmp.resolve("victims"));
    }

    private ScratchRoots roots() {
        return ScratchRoots.resolve(ws, Map.of("HOME", home.toString()), null);
    }

    private ScratchRoots.Placement place(String declared) throws ContractViolation {
        return roots().place(declared, ID);
    }

    /** A mark taken now, before the entries a test makes afterwards. */
    private FileTime markNow() throws IOException {
        return HostEffects.watch(ID, ws, Map.of("HOME", home.toString()), null, -1)
                .mark();
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void aRelativePathIsRefused() {
        assertThatThrownBy(() -> place("../../.."))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("is not an absolute path");
        assertThatThrownBy(() -> place(NAME)).hasMessageContaining("is not an absolute path");
    }

    @Test
    void dotDotDotAndEmptySegmentsAreRefused() {
        assertThatThrownBy(() -> place(home + "/x/../" + NAME)).hasMessageContaining("has a '..' segment");
        assertThatThrownBy(() -> place(home + "/./" + NAME)).hasMessageContaining("has a '.' segment");
        assertThatThrownBy(() -> place(home + "//" + NAME)).hasMessageContaining("is not normalised");
        assertThatThrownBy(() -> place(home + "/" + NAME + "/")).hasMessageContaining("is not normalised");
        assertThatThrownBy(() -> place("/")).hasMessageContaining("is not normalised");
    }

    @Test
    void theNameMustStartWithTheProbesPrefixNotMerelyContainTheId() {
        assertThatThrownBy(() -> place(home + "/.ssh"))
                .hasMessageContaining("does not start with \".codex-fence-fx_probe-\"");
        assertThatThrownBy(() -> place(home + "/victim-" + ID + ".txt")).hasMessageContaining("does not start with");
        assertThatThrownBy(() -> place(home + "/.codex-fence-other_probe-1"))
                .hasMessageContaining("does not start with");
        assertThatThrownBy(() -> place(home.toString())).hasMessageContaining("does not start with");
    }

    @Test
    void theFolderMustBeARootOrBelowTheWorkspace() throws ContractViolation {
        assertThatThrownBy(() -> place(victims + "/" + NAME))
                .hasMessageContaining("which is not a scratch root")
                .hasMessageContaining("$HOME")
                .hasMessageContaining("/tmp")
                .hasMessageContaining("/usr/local");
        assertThatThrownBy(() -> place(home + "/sub/" + NAME)).hasMessageContaining("which is not a scratch root");
        assertThat(place(home + "/" + NAME).root().label()).isEqualTo("$HOME");
        assertThat(place("/tmp/" + NAME).root().label()).isEqualTo("/tmp");
        assertThat(place("/" + NAME).root().label()).isEqualTo("/");
        ScratchRoots.Placement nested = place(ws + "/.git/hooks/" + NAME);
        assertThat(nested.root().label()).isEqualTo("the workspace");
        assertThat(nested.folders()).containsExactly(".git", "hooks");
    }

    @Test
    void aRootReachedThroughASystemLinkWorksByItsRealPathAndByItsAlias() throws Exception {
        Path alias = Files.createSymbolicLink(tmp.resolve("home-link"), home);
        ScratchRoots roots = ScratchRoots.resolve(ws, Map.of("HOME", alias.toString()), null);
        FileTime mark = markNow();
        Path file = write(home.resolve(NAME), "x");
        assertThat(ScratchEntry.checkAndRemove(roots.place(alias + "/" + NAME, ID), mark))
                .isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(file).doesNotExist();
        write(home.resolve(NAME), "x");
        assertThat(ScratchEntry.checkAndRemove(roots.place(home.toRealPath() + "/" + NAME, ID), mark))
                .isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(file).doesNotExist();
    }

    @Test
    void aNewFileIsPresentAndRemovedAnAbsentOneIsAbsent() throws Exception {
        FileTime mark = markNow();
        Path file = write(home.resolve(NAME), "scratch");
        assertThat(ScratchEntry.checkAndRemove(place(file.toString()), mark)).isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(file).doesNotExist();
        assertThat(ScratchEntry.checkAndRemove(place(file.toString()), mark)).isEqualTo(ScratchEntry.Verdict.ABSENT);
    }

    @Test
    void aFolderIsRefusedAndLeftWithItsContent() throws Exception {
        FileTime mark = markNow();
        Path folder = Files.createDirectories(home.resolve(NAME));
        Path inside = write(folder.resolve("keep.txt"), "keep");
        assertThatThrownBy(() -> ScratchEntry.checkAndRemove(place(folder.toString()), mark))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("is a folder");
        assertThat(inside).hasContent("keep");
    }

    @Test
    void aSymlinkEntryIsRefusedAndNeitherItNorItsTargetIsTouched() throws Exception {
        FileTime mark = markNow();
        Path victim = write(victims.resolve("victim.txt"), "victim");
        Path link = Files.createSymbolicLink(home.resolve(NAME), victim);
        assertThatThrownBy(() -> ScratchEntry.checkAndRemove(place(link.toString()), mark))
                .hasMessageContaining("is a symlink");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(victim).hasContent("victim");
    }

    @Test
    void aSymlinkedFolderBelowTheWorkspaceIsRefusedAndTheFileBehindItStays() throws Exception {
        FileTime mark = markNow();
        Path victim = write(victims.resolve(NAME), "victim");
        Files.createSymbolicLink(ws.resolve("sub"), victims);
        assertThatThrownBy(() -> ScratchEntry.checkAndRemove(place(ws + "/sub/" + NAME), mark))
                .hasMessageContaining(
                        "goes through the symlink " + ws.toRealPath().resolve("sub"));
        assertThat(victim).hasContent("victim");
    }

    @Test
    void aRootReplacedByALinkDuringTheRunIsRefused() throws Exception {
        ScratchRoots roots = roots();
        FileTime mark = markNow();
        Path victim = write(victims.resolve(NAME), "victim");
        Files.move(home, tmp.resolve("home-moved"));
        Files.createSymbolicLink(home, victims);
        assertThatThrownBy(() -> ScratchEntry.checkAndRemove(roots.place(home + "/" + NAME, ID), mark))
                .hasMessageContaining("the scratch root $HOME")
                .hasMessageContaining("was replaced during the run");
        assertThat(victim).hasContent("victim");
    }

    @Test
    void anEntryOlderThanTheRunIsRefusedAndLeft() throws Exception {
        Path planted = write(home.resolve(NAME), "planted earlier");
        Files.getFileAttributeView(ws, java.nio.file.attribute.BasicFileAttributeView.class)
                .setTimes(FileTime.fromMillis(0), null, null); // whatever its mtime, the mark is the ctime
        Thread.sleep(30); // a later clock tick than the planted file's
        FileTime mark = markNow();
        assertThat(ScratchEntry.ctime(planted)).isLessThan(mark);
        assertThatThrownBy(() -> ScratchEntry.checkAndRemove(place(planted.toString()), mark))
                .hasMessageContaining("already existed before the probe run started");
        assertThat(planted).hasContent("planted earlier");
    }

    @Test
    void belowTheWorkspaceTheFoldersTheRemovalEmptiedGoToo() throws Exception {
        FileTime mark = markNow();
        Path top = ws.resolve(".codex-fence-" + ID + "-1");
        Path file = write(top.resolve("a/b/" + NAME), "x");
        Path keep = write(ws.resolve("src/keep.txt"), "keep");
        Path fileInSrc = write(ws.resolve("src/deeper/" + NAME), "x");
        assertThat(ScratchEntry.checkAndRemove(place(file.toString()), mark)).isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(top).doesNotExist();
        assertThat(ScratchEntry.checkAndRemove(place(fileInSrc.toString()), mark))
                .isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(ws.resolve("src/deeper")).doesNotExist();
        assertThat(keep).hasContent("keep");
        assertThat(ws).isDirectory();
    }

    @Test
    void aMissingFolderBelowTheWorkspaceMeansAbsent() throws Exception {
        FileTime mark = markNow();
        assertThat(ScratchEntry.checkAndRemove(place(ws + "/.codex/" + NAME), mark))
                .isEqualTo(ScratchEntry.Verdict.ABSENT);
        write(ws.resolve("plain"), "a file where a folder would be");
        assertThat(ScratchEntry.checkAndRemove(place(ws + "/plain/" + NAME), mark))
                .isEqualTo(ScratchEntry.Verdict.ABSENT);
    }

    @Test
    void aHardLinkIsRemovedAsALinkOnlyItsOtherNameStays() throws Exception {
        Path other = write(victims.resolve("other.txt"), "other");
        FileTime mark = markNow();
        Path link = Files.createLink(home.resolve(NAME), other);
        assertThat(ScratchEntry.checkAndRemove(place(link.toString()), mark)).isEqualTo(ScratchEntry.Verdict.PRESENT);
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(other).hasContent("other");
    }
}
