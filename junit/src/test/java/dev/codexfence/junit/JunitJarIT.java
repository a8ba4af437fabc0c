package dev.codexfence.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built codex-fence-junit jar (after {@code package}, run by Failsafe) names its artifact, version and module. */
class JunitJarIT {

    @Test
    void theJarNamesItsArtifactVersionAndModule() throws Exception {
        String version = System.getProperty("fence.project.version", "");
        String jar = System.getProperty("fence.jar", "");
        assertThat(version)
                .as("-Dfence.project.version (run through Maven's Failsafe)")
                .isNotBlank();
        assertThat(Path.of(jar)).as("-Dfence.jar").isRegularFile();
        try (JarFile file = new JarFile(jar)) {
            assertThat(file.getManifest()).isNotNull();
            Attributes a = file.getManifest().getMainAttributes();
            assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_TITLE)).isEqualTo("codex-fence-junit");
            assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_VERSION)).isEqualTo(version);
            assertThat(a.getValue("Automatic-Module-Name")).isEqualTo("dev.codexfence.junit");
        }
    }
}
