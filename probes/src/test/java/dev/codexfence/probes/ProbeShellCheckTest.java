package dev.codexfence.probes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ShellCheck over every probe, with probes/.shellcheckrc (which also follows each probe's source of probe-lib.sh):
 * no finding of any severity. A static check: no probe runs. Without shellcheck (Debian: apt-get install
 * shellcheck) the test aborts with that reason, and fails where the environment variable CI is true.
 */
class ProbeShellCheckTest {

    private static Path shellcheck;

    @BeforeAll
    static void findShellCheck() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "shellcheck");
            if (Files.isExecutable(p)) {
                shellcheck = p;
                return;
            }
        }
        String reason = "shellcheck is not on PATH (Debian: apt-get install shellcheck)";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI must have it");
        }
        Assumptions.abort(reason);
    }

    /** shellcheck's findings for FILES, one per line (gcc format); empty when there are none. */
    private static List<String> findings(List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(shellcheck.toString(), "--format=gcc"));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("shellcheck did not finish within 120 s");
        }
        assertThat(p.exitValue())
                .as("shellcheck exit (0: clean, 1: findings); stderr: %s", err.join())
                .isIn(0, 1);
        assertThat(err.join()).as("shellcheck stderr").isEmpty();
        return out.join().lines().toList();
    }

    private static List<String> findingsUnchecked(List<Path> files) {
        try {
            return findings(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyProbePassesShellCheck() throws IOException, InterruptedException {
        List<Path> probes;
        try (Stream<Path> s = Files.list(Path.of("."))) {
            probes = s.filter(p -> p.getFileName().toString().endsWith(".sh"))
                    .sorted()
                    .toList();
        }
        assertThat(probes).as("probes").hasSizeGreaterThanOrEqualTo(60);
        // one shellcheck per core, each over a share of the probes: it spends about 0.4 s of CPU a probe (following
        // probe-lib.sh each time), which a single process would spend on one core
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
        List<CompletableFuture<List<String>>> shares = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            List<Path> share = new ArrayList<>();
            for (int i = k; i < probes.size(); i += parts) {
                share.add(probes.get(i));
            }
            shares.add(CompletableFuture.supplyAsync(() -> findingsUnchecked(share)));
        }
        List<String> all = new ArrayList<>();
        shares.forEach(f -> all.addAll(f.join()));
        assertThat(all)
                .as("shellcheck findings (settings: probes/.shellcheckrc)")
                .isEmpty();
    }

    @Test
    void theCheckFindsAProblemWithTheProbesSettingsAndFollowsProbeLib() throws IOException, InterruptedException {
        // written below probes/, so that shellcheck reads probes/.shellcheckrc and finds ../bin/probe-lib.sh from here
        Path dir = Files.createDirectories(Path.of("target/shellcheck-canary").toAbsolutePath());
        Files.createDirectories(dir.getParent().resolve("bin"));
        Path lib = dir.getParent().resolve("bin/probe-lib.sh");
        Files.writeString(lib, "# shellcheck shell=bash\nfence_set() { status=ok; }\n", UTF_8);
        Path bad = dir.resolve("bad.sh");
        Files.writeString(
                bad,
                "#!/usr/bin/env bash\n. \"$FENCE_BIN/probe-lib.sh\"\nfence_set\n"
                        + "if [ -n \"$status\" ]; then echo \"$unset_here\"; fi\n",
                UTF_8);
        List<String> found = findings(List.of(bad));
        assertThat(found)
                .anyMatch(l -> l.endsWith("[SC2292]")) // [ ] where [[ ]] is the rule
                .anyMatch(l -> l.contains("unset_here") && l.endsWith("[SC2154]")) // never assigned
                .noneMatch(l -> l.contains("status")) // assigned by the sourced library: followed
                .noneMatch(l -> l.endsWith("[SC1091]"));
    }
}
