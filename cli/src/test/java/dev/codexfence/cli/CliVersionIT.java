package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.config.CodexFenceVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built command (after {@code package}, run by Failsafe): the cli jar and the codex-fence jars of its runtime
 * classpath ({@code target/lib}, what bin/codex-fence and make install use) name their artifact, version and
 * module, and {@code codex-fence --version} run from them reports the version and the pinned codex release.
 */
class CliVersionIT {

    private static final String VERSION = required("fence.project.version");
    private static final Path JAR = Path.of(required("fence.jar"));
    private static final Path LIB = Path.of(required("fence.build.directory")).resolve("lib");
    private static final Map<String, String> MODULES = Map.of(
            "codex-fence-cli",
            "dev.codexfence.cli",
            "codex-fence-engine",
            "dev.codexfence.engine",
            "codex-fence-probe-runtime",
            "dev.codexfence.runtime");

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is not set: run this test through Maven's Failsafe");
        }
        return value;
    }

    @Test
    void theCommandsJarsNameTheirArtifactVersionAndModule() throws IOException {
        List<Path> jars = new ArrayList<>(List.of(JAR));
        try (Stream<Path> lib = Files.list(LIB)) {
            lib.filter(p -> p.getFileName().toString().startsWith("codex-fence-"))
                    .forEach(jars::add);
        }
        List<String> artifacts = new ArrayList<>();
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            String artifact = file.substring(0, file.length() - ("-" + VERSION + ".jar").length());
            artifacts.add(artifact);
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.getManifest()).as("manifest of %s", file).isNotNull();
                Attributes a = j.getManifest().getMainAttributes();
                assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_TITLE))
                        .as(file)
                        .isEqualTo(artifact);
                assertThat(a.getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                        .as(file)
                        .isEqualTo(VERSION);
                assertThat(a.getValue("Automatic-Module-Name")).as(file).isEqualTo(MODULES.get(artifact));
            }
        }
        assertThat(artifacts)
                .as("the command, the engine and the probe runtime; not the junit API")
                .containsExactlyInAnyOrderElementsOf(MODULES.keySet());
    }

    @Test
    void theCliFromItsJarsReportsItsVersionAndThePinnedCodexRelease() throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR + java.io.File.pathSeparator + LIB + "/*",
                "dev.codexfence.cli.Main",
                "--version");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out.lines())
                .containsExactly("codex-fence " + VERSION, "pinned codex release: " + CodexFenceVersion.pinnedCodex());
        assertThat(CodexFenceVersion.pinnedCodex()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
