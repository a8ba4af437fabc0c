package dev.codexfence.engine.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.Constants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where runs keep their files: outside every sandbox-writable temp folder, private, short. */
class ScratchRootTest {

    /** A scratch root for these tests: outside /tmp (and the checkout, which may be under /tmp), short. */
    private static Path base() throws IOException {
        return dev.codexfence.testing.TestScratch.folder("sr");
    }

    @Test
    void theKeyIsTheEnginesConstant() {
        assertThat(ScratchRoot.KEY).isEqualTo(Constants.SCRATCH_DIR);
    }

    @Test
    void theDefaultIsCodexFencesCacheFolder() {
        assertThat(CodexFenceCache.folder(Map.of("HOME", "/home/u"), "Linux", "/ignored"))
                .isEqualTo(Path.of("/home/u/.cache/codex-fence"));
        assertThat(CodexFenceCache.folder(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/cache/u"), "Linux", "/x"))
                .isEqualTo(Path.of("/var/cache/u/codex-fence"));
        assertThat(CodexFenceCache.folder(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "relative"), "Linux", "/x"))
                .as("a relative XDG_CACHE_HOME is ignored, as the spec says")
                .isEqualTo(Path.of("/home/u/.cache/codex-fence"));
        assertThat(CodexFenceCache.folder(Map.of("HOME", "/Users/u"), "Mac OS X", "/x"))
                .isEqualTo(Path.of("/Users/u/Library/Caches/codex-fence"));
        assertThat(CodexFenceCache.folder(Map.of(), "Linux", "/home/from-property"))
                .isEqualTo(Path.of("/home/from-property/.cache/codex-fence"));
    }

    @Test
    void aRootInASandboxWritableTempFolderIsRefusedNamingTheKey() throws IOException {
        assertThatThrownBy(() -> ScratchRoot.prepare(Path.of("/tmp/codex-fence-x"), Map.of(), Map.of()))
                .hasMessage(
                        "scratch root (codex-fence.scratch.dir) /tmp/codex-fence-x lies in /tmp (/tmp), which codex's"
                                + " workspace profile lets sandboxed probes write; set codex-fence.scratch.dir to a folder outside"
                                + " /tmp, $TMPDIR and java.io.tmpdir (default: " + CodexFenceCache.folder() + ")");
        Path base = base();
        assertThatThrownBy(() -> ScratchRoot.prepare(base.resolve("x"), Map.of("TMPDIR", base.toString()), Map.of()))
                .hasMessageContaining("lies in $TMPDIR (" + base + ")");
        assertThatThrownBy(() -> ScratchRoot.prepare(base.resolve("x"), Map.of(), Map.of("TMPDIR", base + "/")))
                .as("the TMPDIR probes are given (codex-fence.probe.env.TMPDIR) is writable inside codex too")
                .hasMessageContaining("lies in the probes' TMPDIR");
        String javaTmp = System.getProperty("java.io.tmpdir");
        try {
            System.setProperty("java.io.tmpdir", base.toString());
            assertThatThrownBy(() -> ScratchRoot.prepare(base.resolve("y"), Map.of(), Map.of()))
                    .hasMessageContaining("lies in java.io.tmpdir (" + base + ")");
        } finally {
            System.setProperty("java.io.tmpdir", javaTmp);
        }
        // through a symlink into /tmp too
        Path link = Files.createSymbolicLink(base.resolve("link"), Path.of("/tmp"));
        assertThatThrownBy(() -> ScratchRoot.prepare(link.resolve("z"), Map.of(), Map.of()))
                .hasMessageContaining("lies in /tmp");
        assertThat(base.resolve("x")).doesNotExist();
    }

    @Test
    void aRootOthersMayWriteOrThatIsTooLongIsRefused() throws IOException {
        Path open = base();
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThatThrownBy(() -> ScratchRoot.prepare(open, Map.of(), Map.of()))
                .hasMessage(
                        "scratch root (codex-fence.scratch.dir) " + open + " is writable by its group (mode rwxrwxr-x);"
                                + " codex-fence writes only into folders no other user can write: choose another or chmod go-w it");
        Path deep = base().resolve("a".repeat(80));
        assertThatThrownBy(() -> ScratchRoot.prepare(deep, Map.of(), Map.of()))
                .hasMessageContaining("bytes long; the run's AF_UNIX sockets lie below it")
                .hasMessageContaining("set codex-fence.scratch.dir to a folder of at most 74 bytes");
    }

    @Test
    void aMissingRootIsMadePrivateAndEachRunGetsAPrivateFolderWithAShortRandomName() throws IOException {
        Path root = ScratchRoot.prepare(base().resolve("new/root"), Map.of(), Map.of());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.getParent())))
                .isEqualTo("rwx------");
        Path a = ScratchRoot.newRunFolder(root);
        Path b = ScratchRoot.newRunFolder(root);
        assertThat(a.getFileName().toString()).matches("[a-z0-9]{6}");
        assertThat(a).isNotEqualTo(b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a)))
                .isEqualTo("rwx------");
    }

    /**
     * The longest AF_UNIX path the corpus makes, net_unix_bind_workspace's
     * {@code $FENCE_WORKSPACE_ROOT/.codex-fence-net_unix_bind_workspace-$$.sock} with a 7-digit pid, fits Linux's
     * 107 bytes with the default root of a long home: {@code /home/a-rather-long-user-name/.cache/codex-fence}, a
     * run folder and a workspace of the first 36 slots; the run's own listener fits macOS's 103 bytes too.
     */
    @Test
    void socketPathsFitWithALongHome() {
        Path root = CodexFenceCache.folder(Map.of("HOME", "/home/a-rather-long-user-name"), "Linux", "/x");
        String workspace = root + "/abcdef/z";
        String probeSocket = workspace + "/.codex-fence-net_unix_bind_workspace-4194304.sock";
        assertThat(probeSocket.length()).isLessThanOrEqualTo(107);
        String listener = root + "/abcdef/outside/listener.sock";
        assertThat(listener.length()).isLessThanOrEqualTo(103);
        Path mac = CodexFenceCache.folder(Map.of("HOME", "/Users/a-rather-long-user-name"), "Mac OS X", "/x");
        assertThat((mac + "/abcdef/outside/listener.sock").length()).isLessThanOrEqualTo(103);
        assertThat(mac.toString().length()).isLessThanOrEqualTo(ScratchRoot.MAX_ROOT_BYTES);
    }
}
