package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.config.CodexFenceVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built jars (after {@code package}, run by Failsafe with the engine jar on the classpath instead of its
 * classes): every codex-fence jar's manifest names its artifact, version, vendor and module name, and
 * {@link CodexFenceTestEngine#getVersion()} reports that version ({@code codex-fence --version}: the cli's
 * CliVersionIT).
 */
class CodexFenceVersionIT {

    private static final String VERSION = required("fence.project.version");
    private static final Path JAR = Path.of(required("fence.jar"));
    private static final Path LIB = Path.of(required("fence.build.directory")).resolve("lib");

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is not set: run this test through Maven's Failsafe");
        }
        return value;
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest()).as("manifest of %s", jar).isNotNull();
            return file.getManifest().getMainAttributes();
        }
    }

    /** The Automatic-Module-Name each artifact declares (docs/engine.md, "Artifacts"). */
    static String moduleName(String jarFile) {
        if (jarFile.startsWith("codex-fence-probe-runtime-")) {
            return "dev.codexfence.runtime";
        }
        for (String artifact : List.of("engine", "junit", "cli")) {
            if (jarFile.startsWith("codex-fence-" + artifact + "-")) {
                return "dev.codexfence." + artifact;
            }
        }
        throw new AssertionError("no module name known for " + jarFile);
    }

    @Test
    void everyCodexFenceJarNamesItsArtifactAndVersion() throws IOException {
        List<Path> jars = new ArrayList<>(List.of(JAR));
        try (Stream<Path> lib = Files.list(LIB)) {
            lib.filter(p -> p.getFileName().toString().startsWith("codex-fence-"))
                    .forEach(jars::add);
        }
        assertThat(jars).as("the engine jar and the probe runtime beside it").hasSizeGreaterThanOrEqualTo(2);
        for (Path jar : jars) {
            Attributes a = manifest(jar);
            String file = jar.getFileName().toString();
            assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_TITLE))
                    .as(file)
                    .isEqualTo(file.substring(0, file.length() - ("-" + VERSION + ".jar").length()));
            assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                    .as(file)
                    .isEqualTo(VERSION);
            assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_VENDOR))
                    .as(file)
                    .isEqualTo("dev.codexfence");
            assertThat(a.getValue("Automatic-Module-Name")).as(file).isEqualTo(moduleName(file));
        }
        assertThat(manifest(JAR).getValue(Attributes.Name.IMPLEMENTATION_TITLE)).isEqualTo("codex-fence-engine");
    }

    @Test
    void theTestEngineLoadedFromTheJarReportsItsVersion() throws Exception {
        Path source = Path.of(CodexFenceTestEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(source).as("Failsafe puts the built jar on the classpath").isEqualTo(JAR);
        assertThat(new CodexFenceTestEngine().getVersion()).contains(VERSION);
        assertThat(VERSION).isNotEqualTo(CodexFenceVersion.DEVELOPMENT);
    }
}
