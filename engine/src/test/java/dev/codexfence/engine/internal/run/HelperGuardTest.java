package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.files.PrivateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of changing the helpers folder is found, and the folder is put back byte for byte. */
class HelperGuardTest {

    @TempDir
    Path tmp;

    private Map<String, byte[]> bundled;
    private HelperGuard guard;
    private Path bin;

    @BeforeEach
    void install() throws IOException {
        bundled = RuntimeLayout.bundled();
        guard = HelperGuard.install(tmp.resolve("bin"), bundled);
        bin = guard.dir();
    }

    private void assertRestored() throws IOException {
        assertThat(guard.changes()).isEmpty();
        for (var e : bundled.entrySet()) {
            assertThat(Files.readAllBytes(bin.resolve(e.getKey()))).isEqualTo(e.getValue());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin.resolve(e.getKey()))))
                    .isEqualTo("r-x------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)))
                .isEqualTo("r-x------");
        try (var s = Files.list(bin)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(RuntimeLayout.HELPERS.stream().sorted().toList());
        }
    }

    private List<IntegrityWatch.Finding> check() {
        return guard.check(42);
    }

    @Test
    void anInstalledFolderIsIntactPrivateAndReadOnly() throws IOException {
        assertThat(check()).isEmpty();
        assertRestored();
    }

    @Test
    void aSameSizeContentChangeIsFoundByItsDigestAndRestored() throws IOException {
        Files.setPosixFilePermissions(bin, PrivateFolder.OWNER_ONLY);
        Path emit = bin.resolve("emit-record");
        Files.setPosixFilePermissions(emit, PosixFilePermissions.fromString("rwx------"));
        byte[] bytes = Files.readAllBytes(emit);
        bytes[bytes.length - 2] ^= 1; // one bit, same size
        Files.write(emit, bytes);
        Files.setPosixFilePermissions(emit, HelperGuard.FILE_MODE);
        Files.setPosixFilePermissions(bin, HelperGuard.DIR_MODE);
        assertThat(check())
                .singleElement()
                .satisfies(f -> assertThat(f.what())
                        .startsWith(
                                "the helpers in FENCE_BIN (" + bin + ") were changed: emit-record (content: SHA-256 ")
                        .endsWith("; restored from the harness's in-memory copy"));
        assertRestored();
    }

    @Test
    void aWrapperRenamedOverAHelperAndAnAddedEntryAreFoundAndRestored() throws IOException {
        Files.setPosixFilePermissions(bin, PrivateFolder.OWNER_ONLY);
        Files.copy(bin.resolve("emit-record"), bin.resolve(".real"));
        Path wrapper = Files.writeString(
                tmp.resolve("wrapper"), "#!/bin/sh\nexec \"$(dirname \"$0\")/.real\" \"$@\"\n", StandardCharsets.UTF_8);
        Files.move(wrapper, bin.resolve("emit-record"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(check())
                .singleElement()
                .satisfies(f -> assertThat(f.what())
                        .contains(
                                "the folder's mode (rwx------)",
                                "an added entry .real",
                                "emit-record (mode rw-r--r--, content: "));
        assertRestored();
    }

    @Test
    void aSymlinkedHelperARemovedOneAndASwappedFolderAreFoundAndRestored() throws IOException {
        Files.setPosixFilePermissions(bin, PrivateFolder.OWNER_ONLY);
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "#!/bin/sh\n");
        Files.delete(bin.resolve("json-extract"));
        Files.createSymbolicLink(bin.resolve("json-extract"), elsewhere);
        Files.delete(bin.resolve("portable-path"));
        assertThat(check())
                .singleElement()
                .satisfies(
                        f -> assertThat(f.what()).contains("json-extract (now a symlink)", "portable-path (removed)"));
        assertRestored();
        assertThat(Files.readString(elsewhere)).isEqualTo("#!/bin/sh\n");

        // the whole folder replaced by a symlink to a look-alike
        Path lookAlike = Files.createDirectories(tmp.resolve("look-alike"));
        RuntimeLayout.extract(lookAlike);
        TreeDeletion.delete(bin);
        Files.createSymbolicLink(bin, lookAlike);
        assertThat(check())
                .singleElement()
                .satisfies(f -> assertThat(f.what()).contains("the folder itself was replaced by a symlink"));
        assertRestored();
        assertThat(lookAlike.resolve("emit-record")).exists();
    }

    /** A run in parallel with another can change a helper and put it back before any check: the kernel's change time tells. */
    @Test
    void aHelperChangedAndChangedBackBetweenTwoChecksIsFoundAll() throws Exception {
        Path emit = bin.resolve("emit-record");
        byte[] original = Files.readAllBytes(emit);
        Thread.sleep(5); // a coarse clock could otherwise give the rewrite the same change time
        Files.setPosixFilePermissions(emit, PosixFilePermissions.fromString("rwx------"));
        Files.write(emit, "#!/bin/sh\necho forged\n".getBytes(StandardCharsets.UTF_8));
        Files.write(emit, original);
        Files.setPosixFilePermissions(emit, HelperGuard.FILE_MODE);
        assertThat(check())
                .singleElement()
                .satisfies(f -> assertThat(f.what())
                        .contains("emit-record (rewritten: its content"
                                + " and mode are right again, but its inode or change time moved)"));
        assertRestored();
        assertThat(check()).isEmpty();

        // an entry added and removed again: the folder's change time moved
        Thread.sleep(5);
        Files.setPosixFilePermissions(bin, PrivateFolder.OWNER_ONLY);
        Files.writeString(bin.resolve("x"), "x");
        Files.delete(bin.resolve("x"));
        Files.setPosixFilePermissions(bin, HelperGuard.DIR_MODE);
        assertThat(check())
                .singleElement()
                .satisfies(f -> assertThat(f.what())
                        .contains("the folder itself (changed and" + " changed back: its change time moved)"));
        assertThat(check()).isEmpty();
    }

    @Test
    void theChangeIsDatedFromTheLastIntactCheck() throws IOException {
        assertThat(guard.check(7)).isEmpty();
        Files.setPosixFilePermissions(bin, PrivateFolder.OWNER_ONLY);
        assertThat(guard.check(9))
                .singleElement()
                .satisfies(f -> assertThat(f.intactAt()).isEqualTo(7));
        assertThat(guard.check(11)).isEmpty();
    }
}
