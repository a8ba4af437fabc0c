package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.config.CodexFenceVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version from compiled classes, and the one source of the pinned codex release. The jar's own version is
 * checked after packaging, by {@code CodexFenceVersionIT}.
 */
class CodexFenceVersionTest {

    private static Path repositoryRoot() {
        String root = System.getProperty("fence.root");
        return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }

    @Test
    void fromClassesWithoutAJarTheVersionIsDevelopment() throws Exception {
        Path classes = Path.of(CodexFenceVersion.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assumeTrue(Files.isDirectory(classes), "the engine's classes come from " + classes + ", not a folder");
        assertThat(CodexFenceVersion.implementation()).isEqualTo(CodexFenceVersion.DEVELOPMENT);
        assertThat(new CodexFenceTestEngine().getVersion()).contains(CodexFenceVersion.DEVELOPMENT);
    }

    @Test
    void thePinnedCodexReleaseIsTheOneBinInstallCodexInstalls() throws Exception {
        String pinned = CodexFenceVersion.pinnedCodex();
        assertThat(pinned).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(installCodex(repositoryRoot(), "--pinned")).isEqualTo(pinned + "\n");
        assertThat(Files.readString(repositoryRoot().resolve("pom.xml")))
                .contains("<codex.pinned.version>" + pinned + "</codex.pinned.version>");
    }

    @Test
    void binInstallCodexTakesThePinnedReleaseFromThePomAlone(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(repositoryRoot().resolve("bin/install-codex"), root.resolve("bin/install-codex"));
        Files.writeString(
                root.resolve("pom.xml"),
                "<project>\n  <properties>\n"
                        + "    <codex.pinned.version>9.8.7</codex.pinned.version>\n  </properties>\n</project>\n");
        assertThat(installCodex(root, "--pinned")).isEqualTo("9.8.7\n");
    }

    private static String installCodex(Path root, String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add(root.resolve("bin/install-codex").toString());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
