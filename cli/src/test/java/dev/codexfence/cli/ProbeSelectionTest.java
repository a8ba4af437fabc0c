package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe ids resolve only to files directly inside the probe root. */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class ProbeSelectionTest {

    private static final Path HEALTHY = CliProcess.fixture("healthy");

    @TempDir
    Path tmp;

    private static void refused(ProbeSelection selection, String id, String... fragments) {
        assertThatThrownBy(() -> selection.probeFile(id)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).contains(fragments);
        });
    }

    @Test
    void aProbeIdIsAFileNameInTheRoot() {
        ProbeSelection s = new ProbeSelection(HEALTHY);
        assertThat(s.probeFile("fx_read_ws")).isEqualTo(HEALTHY.resolve("fx_read_ws.sh"));
        assertThat(s.probeFile("fx_read_ws.sh")).isEqualTo(HEALTHY.resolve("fx_read_ws.sh"));
        assertThat(s.ids()).containsExactly("fx_macos_only", "fx_read_ws", "fx_write_home", "fx_write_ws");
    }

    @Test
    void pathsAndTraversalAreRefused() {
        ProbeSelection s = new ProbeSelection(HEALTHY);
        refused(s, "../x", "refusing probe id \"../x\"", "not a path");
        refused(s, "../healthy/fx_read_ws", "refusing probe id", "not a path");
        refused(s, "/etc/passwd", "refusing probe id \"/etc/passwd\"", "not a path");
        refused(s, "..", "refusing probe id \"..\"");
        refused(s, "sub/fx_read_ws", "not a path");
    }

    @Test
    void symlinksLeavingTheRootAreRefusedButLinksInsideAreFine() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("probes"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(HEALTHY.resolve("fx_read_ws.sh"), outside.resolve("fx_read_ws.sh"));
        Files.createSymbolicLink(root.resolve("escape.sh"), outside.resolve("fx_read_ws.sh"));
        Files.copy(HEALTHY.resolve("fx_write_ws.sh"), root.resolve("fx_write_ws.sh"));
        Files.createSymbolicLink(root.resolve("alias.sh"), root.resolve("fx_write_ws.sh"));
        Files.createSymbolicLink(root.resolve("dangling.sh"), tmp.resolve("nowhere.sh"));

        ProbeSelection s = new ProbeSelection(root);
        refused(
                s,
                "escape",
                "refusing probe \"escape\"",
                "is a symlink to " + outside.toRealPath().resolve("fx_read_ws.sh"),
                "outside the probe root");
        refused(s, "dangling", "refusing probe \"dangling\"", "cannot be resolved");
        assertThat(s.probeFile("alias")).isEqualTo(root.resolve("alias.sh"));
    }

    @Test
    void unknownIdsSuggestTheNearestIds() {
        ProbeSelection s = new ProbeSelection(HEALTHY);
        refused(s, "fx_red_ws", "unknown probe \"fx_red_ws\" in probe root " + HEALTHY, "did you mean fx_read_ws");
        refused(s, "zzzzzzzz", "unknown probe \"zzzzzzzz\"", "no probe id is close");
    }

    @Test
    void aCapabilityIsItsOwnTagAndMustBeInTheCatalog() {
        ProbeSelection s = new ProbeSelection(HEALTHY);
        var catalog = new CatalogLoader().loadBundled();
        assertThat(s.capabilityTag(" cap_fs_read_workspace_tree ", catalog)).isEqualTo("cap_fs_read_workspace_tree");
        assertThatThrownBy(() -> s.capabilityTag("cap_fs_red_workspace_tree", catalog))
                .hasMessageContaining("unknown capability \"cap_fs_red_workspace_tree\"")
                .hasMessageContaining("did you mean cap_fs_read_workspace_tree");
    }
}
