package dev.codexfence.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first run of {@code bin/codex-fence} from a checkout, as {@code codex-fence --bang | codex-fence --listen}
 * starts it: two launchers at once. The launcher is copied into a scratch checkout and run with a fake
 * {@code mvn} on PATH (it records its invocations, writes the escape codes Debian's Maven writes, waits until
 * the test lets it finish, then lays out a jar) and a fake {@code java}: nothing is built or installed for real.
 * No step waits for a guessed time: each waits for the event it needs (the build started, the second launcher
 * waiting), with a deadline only against a hang.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class LauncherBuildLockTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private Path home;
    private Path fakeBin;
    private Path jdk;
    private Path log;
    private Path started;
    private Path release;

    @BeforeEach
    void scratchCheckout() throws IOException {
        home = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(home.resolve("bin"));
        Files.copy(CliProcess.repositoryRoot().resolve("bin/codex-fence"), home.resolve("bin/codex-fence"));
        executable(home.resolve("bin/codex-fence"));
        for (String dir : List.of("cli/src/main", "engine/src/main", "probe-runtime/src/main", "schema")) {
            Files.createDirectories(home.resolve(dir));
        }
        for (String pom : List.of("pom.xml", "cli/pom.xml", "engine/pom.xml", "probe-runtime/pom.xml")) {
            Files.writeString(home.resolve(pom), "<project/>\n");
        }
        log = tmp.resolve("mvn-invocations.log");
        started = tmp.resolve("mvn-started");
        release = tmp.resolve("mvn-release");
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"fake java ran\"\n");
        executable(java);
    }

    /** A fake mvn: records itself, prints ESC[0m on both streams, waits for the release file, then succeeds or fails. */
    private void fakeMaven(boolean succeed) throws IOException {
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(
                mvn,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "printf 'mvn %s | MAVEN_OPTS=%s\\n' \"$*\" \"${MAVEN_OPTS:-}\" >> '" + log + "'",
                        ": > '" + started + "'",
                        "n=0; while [ ! -e '" + release + "' ] && [ $n -lt 6000 ]; do sleep 0.05; n=$((n + 1)); done",
                        "printf '\\033[1m[INFO] building\\033[0m\\n'; printf '\\033[0m' >&2",
                        succeed
                                ? "mkdir -p cli/target/lib && : > cli/target/codex-fence-cli-0.jar"
                                        + " && : > cli/target/lib/codex-fence-engine-0.jar"
                                        + " && : > cli/target/lib/codex-fence-probe-runtime-0.jar"
                                : "printf '\\033[31m[ERROR] boom\\033[0m\\n'; exit 1",
                        ""));
        executable(mvn);
    }

    private final List<Process> launched = new java.util.ArrayList<>();

    /** Whatever happened, the fake builds end and nothing this test started outlives it. */
    @AfterEach
    void stopEverything() throws IOException {
        Files.writeString(release, "");
        for (Process p : launched) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Process launch(String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/codex-fence").toString(), "--version")
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("PATH", fakeBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("JAVA_HOME", jdk.getParent().toString());
        env.put("CODEX_FENCE_CDS", "0");
        env.remove("MAVEN_OPTS");
        Process p = pb.start();
        launched.add(p);
        return p;
    }

    private String err(String name) throws IOException {
        return Files.readString(tmp.resolve(name + ".err"), UTF_8);
    }

    private byte[] bytes(String name, String stream) throws IOException {
        return Files.readAllBytes(tmp.resolve(name + "." + stream));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file, UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Starts A, waits until its build runs, starts B, waits until B says it waits for A, then lets the build end. */
    private List<Process> twoLaunchersDuringOneBuild() throws Exception {
        Process a = launch("a");
        await("the first launcher's build to start", () -> Files.exists(started));
        Process b = launch("b");
        String waiting = "codex-fence: waiting for the build started by pid " + a.pid() + " …";
        await("the second launcher to wait", () -> contains(tmp.resolve("b.err"), waiting));
        Files.writeString(release, "");
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("launcher exits")
                    .isTrue();
        }
        return List.of(a, b);
    }

    @Test
    void twoConcurrentLaunchesBuildOnceAndTheSecondSaysItWaits() throws Exception {
        fakeMaven(true);
        List<Process> ab = twoLaunchersDuringOneBuild();
        long pidA = ab.get(0).pid();
        assertThat(ab.get(0).exitValue()).as(err("a")).isZero();
        assertThat(ab.get(1).exitValue()).as(err("b")).isZero();

        List<String> builds = Files.readAllLines(log, UTF_8);
        assertThat(builds).as("mvn invocations").hasSize(1);
        assertThat(builds.get(0))
                .startsWith("mvn -q -B -Pquick -Dstyle.color=never -DskipTests -pl cli -am package |")
                .contains("-Djansi.noreset=true");

        assertThat(err("a"))
                .contains("codex-fence: building the command (mvn -q -B -Pquick -DskipTests -pl cli -am package) …")
                .containsPattern("codex-fence: built the command in \\d+ s")
                .doesNotContain("waiting for");
        assertThat(err("b"))
                .containsOnlyOnce("codex-fence: waiting for the build started by pid " + pidA + " …")
                .contains("codex-fence: using the build of pid " + pidA)
                .doesNotContain("building the command");
        for (String name : List.of("a", "b")) {
            assertThat(Files.readString(tmp.resolve(name + ".out"), UTF_8)).isEqualTo("fake java ran\n");
            assertThat(bytes(name, "err")).as("%s's stderr holds no ESC", name).doesNotContain((byte) 0x1b);
            assertThat(bytes(name, "out")).as("%s's stdout holds no ESC", name).doesNotContain((byte) 0x1b);
        }
        // Maven's own lines still reach stderr, without their escape codes
        assertThat(err("a")).contains("[INFO] building");
        assertThat(home.resolve("cli/target/.codex-fence-build.lock")).doesNotExist();
        assertThat(home.resolve("cli/target/.codex-fence-build-stamp")).exists();
    }

    @Test
    void aFailedBuildFailsBothLaunchersAndReleasesTheLock() throws Exception {
        fakeMaven(false);
        List<Process> ab = twoLaunchersDuringOneBuild();
        long pidA = ab.get(0).pid();
        assertThat(ab.get(0).exitValue()).as(err("a")).isEqualTo(3);
        assertThat(ab.get(1).exitValue()).as(err("b")).isEqualTo(3);
        assertThat(Files.readAllLines(log, UTF_8)).as("mvn invocations").hasSize(1);
        assertThat(err("a")).contains("[ERROR] boom").containsPattern("codex-fence: the build failed after \\d+ s");
        assertThat(err("b")).contains("codex-fence: the build started by pid " + pidA + " failed");
        for (String name : List.of("a", "b")) {
            assertThat(bytes(name, "err")).as("%s's stderr holds no ESC", name).doesNotContain((byte) 0x1b);
            assertThat(bytes(name, "out")).as("%s ran no java", name).isEmpty();
        }
        assertThat(home.resolve("cli/target/.codex-fence-build.lock")).doesNotExist();
    }

    @Test
    void aLockLeftByADeadLauncherIsTakenOver() throws Exception {
        fakeMaven(true);
        Files.writeString(release, "");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = Files.createDirectories(home.resolve("cli/target/.codex-fence-build.lock"));
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

        Process a = launch("a");
        assertThat(a.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as(err("a")).isZero();
        assertThat(err("a"))
                .contains("codex-fence: removing the stale build lock of pid " + gone.pid())
                .contains("codex-fence: building the command")
                .doesNotContain("waiting for");
        assertThat(Files.readAllLines(log, UTF_8)).hasSize(1);
        assertThat(lock).doesNotExist();
    }
}
