package dev.codexfence.engine.internal.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python3 resolved once per run for the probes (FENCE_PYTHON3): with the probes' environment, in a scratch
 * folder, and never from a folder a probe could have written. The stand-in {@code python3} scripts below log how
 * they were called, so each test sees whether (and how) the interpreter was asked.
 */
class ProbeToolsTest {

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner();

    /** In these tests only {@code tmp/untrusted} counts as probe-writable (the JUnit temp folder itself is in /tmp). */
    private ProbeTools tools() {
        return new ProbeTools(runner, List.of(tmp.resolve("untrusted")));
    }

    /** A stand-in python3 in {@code dir} that logs its cwd, PYENV_VERSION and args, then prints {@code answer}. */
    private Path python3(Path dir, String answer) throws IOException {
        Files.createDirectories(dir);
        Path py = dir.resolve("python3");
        Files.writeString(
                py,
                "#!/bin/sh\nprintf '%s|%s|%s\\n' \"$(pwd)\" \"${PYENV_VERSION:-}\" \"$*\" >> '"
                        + tmp.resolve("calls.log") + "'\nprintf '%s\\n' '" + answer + "'\n");
        executable(py);
        return py;
    }

    private Path interpreter() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("versions/3.12.1/bin")).resolve("python3.12");
        Files.writeString(real, "#!/bin/sh\n");
        executable(real);
        return real;
    }

    /** What the probes after the first get: the first call only starts the resolution. */
    private static Map<String, String> resolved(ProbeTools tools, Map<String, String> env) {
        assertThat(tools.environment(env))
                .as("the first probe run does not wait")
                .isEmpty();
        return tools.environment(env);
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> calls() throws IOException {
        Path log = tmp.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, UTF_8) : List.of();
    }

    private static Map<String, String> env(Path... path) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(
                "PATH",
                String.join(
                                ":",
                                java.util.Arrays.stream(path)
                                        .map(Path::toString)
                                        .toList()) + ":/usr/bin:/bin");
        env.put("PYENV_VERSION", "3.12.1");
        return env;
    }

    @Test
    void theInterpreterIsAskedOnceWithTheProbesEnvironmentInAScratchFolder() throws IOException {
        Path real = interpreter();
        python3(tmp.resolve("shims"), real.toString());
        ProbeTools tools = tools();
        Map<String, String> env = env(tmp.resolve("shims"));
        assertThat(resolved(tools, env)).isEqualTo(Map.of(ProbeTools.PYTHON3, real.toString()));
        assertThat(tools.environment(env)).isEqualTo(Map.of(ProbeTools.PYTHON3, real.toString()));
        assertThat(calls()).singleElement().satisfies(call -> {
            String[] f = call.split("\\|", 3);
            assertThat(Path.of(f[0]).getFileName().toString()).startsWith("codex-fence-tools-");
            assertThat(Path.of(f[0])).doesNotExist(); // removed afterwards
            assertThat(f[1]).isEqualTo("3.12.1");
            assertThat(f[2]).isEqualTo("-c import sys; print(sys.executable)");
        });
    }

    @Test
    void theFirstPython3OnThePathIsTheOneAsked() throws IOException {
        Path real = interpreter();
        python3(tmp.resolve("venv/bin"), real.toString());
        python3(tmp.resolve("shims"), "/usr/bin/false");
        assertThat(resolved(tools(), env(tmp.resolve("venv/bin"), tmp.resolve("shims"))))
                .containsEntry(ProbeTools.PYTHON3, real.toString());
        assertThat(calls()).hasSize(1);
    }

    @Test
    void nothingIsRunFromAFolderAProbeCouldWriteNorHandedOverFromThere() throws IOException {
        Path planted = python3(tmp.resolve("untrusted/bin"), "/usr/bin/python3");
        assertThat(resolved(tools(), env(planted.getParent()))).isEmpty();
        assertThat(calls()).as("the planted python3 never ran").isEmpty();

        Path inside = Files.createDirectories(tmp.resolve("untrusted/py")).resolve("python3");
        Files.writeString(inside, "#!/bin/sh\n");
        executable(inside);
        python3(tmp.resolve("shims"), inside.toString());
        assertThat(resolved(tools(), env(tmp.resolve("shims")))).isEmpty();
        assertThat(calls()).hasSize(1);
    }

    @Test
    void anAnswerThatIsNotOneExecutableAbsolutePathIsIgnored() throws IOException {
        Path real = interpreter();
        for (String answer : List.of(
                "",
                "python3",
                real + "\n" + real,
                tmp.resolve("missing/python3").toString(),
                tmp.toString())) {
            python3(tmp.resolve("shims"), answer);
            assertThat(resolved(tools(), env(tmp.resolve("shims"))))
                    .as("answer %s", answer)
                    .isEmpty();
        }
        assertThat(calls()).hasSize(5);
    }

    @Test
    void noPython3OrARelativePathEntryLeavesTheProbesToPath() throws IOException {
        Path real = interpreter();
        python3(tmp.resolve("shims"), real.toString());
        Map<String, String> none = new HashMap<>(System.getenv());
        none.put("PATH", tmp.resolve("empty").toString());
        assertThat(resolved(tools(), none)).isEmpty();
        Map<String, String> relative = env(tmp.resolve("shims"));
        relative.put("PATH", "bin:" + relative.get("PATH"));
        assertThat(resolved(tools(), relative)).isEmpty();
        Map<String, String> dot = env(tmp.resolve("shims"));
        dot.put("PATH", ":" + dot.get("PATH"));
        assertThat(resolved(tools(), dot)).isEmpty();
        assertThat(calls()).isEmpty();
    }

    /** On this machine's PATH (a pyenv shim here): the same interpreter, reached without the shim. */
    @Test
    void theResolvedInterpreterIsTheOnePython3FromPathRuns() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        Optional<String> resolved = new ProbeTools(runner).python3(env);
        org.junit.jupiter.api.Assumptions.assumeTrue(resolved.isPresent() || !onPath(env), "no python3 on PATH");
        assertThat(resolved).as("python3 is on PATH, so it resolves").isPresent();
        String who = "import sys; print(sys.executable, sys.prefix, sys.version)";
        assertThat(run(env, resolved.get(), "-c", who)).isEqualTo(run(env, "python3", "-c", who));
    }

    private static boolean onPath(Map<String, String> env) {
        return java.util.Arrays.stream(env.getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "python3")));
    }

    private String run(Map<String, String> env, String... argv) throws IOException {
        ProcessRunner.Outcome o = runner.run(
                new ProcessRunner.Spec(List.of(argv), tmp, env, Duration.ofSeconds(60), 1 << 16, 1 << 16, () -> false));
        assertThat(o.exitCode()).as(new String(o.stderr(), UTF_8)).isZero();
        return new String(o.stdout(), UTF_8).strip();
    }
}
