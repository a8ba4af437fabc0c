package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static dev.codexfence.cli.CliProcess.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Process.destroy() sends; Ctrl-C's SIGINT takes the same path) during --bang: the CLI cancels
 * through the Launcher's cancellation token, the engine kills the running probe's process tree, records
 * produced so far are on stdout, the scratch folder is gone, and the exit code is 130.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliInterruptTest {

    @TempDir
    Path tmp;

    private static String rewrite(Path from, String oldName, String newName) throws Exception {
        return Files.readString(from, StandardCharsets.UTF_8)
                .replace("probe_name=\"" + oldName + "\"", "probe_name=\"" + newName + "\"");
    }

    private static List<ProcessHandle> mentioning(String... needles) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .commandLine()
                        .map(c -> List.of(needles).stream().anyMatch(c::contains))
                        .orElse(false))
                .toList();
    }

    /** The run folders in a scratch root of the test's own (nothing else is made there). */
    private static List<String> runFolders(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    @Test
    void sigtermKillsTheRunningProbeFlushesRecordsAndRemovesTheScratchFolder() throws Exception {
        // a unique probe name and sleep length, so that only this test's processes match
        int nonce = ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String sleeper = "fx_sleeper_" + nonce;
        String sleepArg = "600." + nonce; // far beyond the wait below: only the signal can end the run in time
        Path root = Files.createDirectories(tmp.resolve("probes"));
        Files.writeString(
                root.resolve("fx_a_quick.sh"), rewrite(fixture("healthy/fx_read_ws.sh"), "fx_read_ws", "fx_a_quick"));
        Files.writeString(
                root.resolve(sleeper + ".sh"),
                rewrite(fixture("runtime/fx_sleeps.sh"), "fx_sleeps", sleeper)
                        .replace("sleep 60", "sleep " + sleepArg));
        for (Path f : List.of(root.resolve("fx_a_quick.sh"), root.resolve(sleeper + ".sh"))) {
            f.toFile().setExecutable(true);
        }
        Path scratch = CliProcess.scratchRoot("int");
        Path out = tmp.resolve("out");

        // files, not pipes: Process.destroy() also closes the parent's ends of the child's pipes, which would
        // hide what the CLI prints after the signal
        Path stdoutFile = tmp.resolve("stdout.ndjson");
        Path stderrFile = tmp.resolve("stderr.txt");
        Process p = cli(
                        "--bang",
                        "--probes",
                        root.toString(),
                        "--output",
                        out.toString(),
                        "--timeout",
                        "1200",
                        "-c",
                        "codex-fence.coverage.missing=skip",
                        "-c",
                        "codex-fence.scratch.dir=" + scratch)
                .env("MODES", "baseline")
                .builder()
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        p.getOutputStream().close();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mentioning(sleeper).isEmpty()) {
                assertThat(p.isAlive())
                        .as("the CLI ended before the sleeper started:\n%s", Files.readString(stderrFile))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("the sleeper never started:\n%s", Files.readString(stderrFile))
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(runFolders(scratch)).as("the run's scratch folder").hasSize(1);

            p.destroy(); // SIGTERM
            // a generous wait that a loaded machine cannot overrun, still far below the probe's sleep and timeout:
            // stopping within it is the signal's doing, as the exit code and the messages below confirm
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as("the CLI stops on SIGTERM")
                    .isTrue();
            String stderr = Files.readString(stderrFile, StandardCharsets.UTF_8);
            String stdout = Files.readString(stdoutFile, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isEqualTo(ExitCodes.INTERRUPTED);

            // the probe's bash and its sleep are gone (give the kernel a moment to reap them)
            long reap = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!mentioning(sleeper, sleepArg).isEmpty() && System.nanoTime() < reap) {
                Thread.sleep(50);
            }
            assertThat(mentioning(sleeper, sleepArg))
                    .as("leftover probe processes")
                    .isEmpty();
            assertThat(runFolders(scratch)).as("leftover scratch folders").isEmpty();

            // the record of the probe that finished before the signal was streamed, the sleeper's cancellation too
            List<String> runs = stdout.lines()
                    .filter(l -> !l.isBlank())
                    .map(FenceJson.MAPPER::readTree)
                    .map(n -> n.at("/probe/id").asString() + " "
                            + n.at("/result/observed_result").asString())
                    .toList();
            assertThat(runs).as(stderr).containsExactly("fx_a_quick success", sleeper + " error");
            assertThat(stderr)
                    .contains(
                            "codex-fence: interrupted; stopping the running probes",
                            "codex-fence: interrupted after 2 records; NDJSON in " + out);
            // the run's NDJSON file was finished too
            try (var files = Files.list(out)) {
                assertThat(files.filter(f -> f.toString().endsWith(".ndjson")).toList())
                        .singleElement()
                        .satisfies(f -> assertThat(Files.readAllLines(f)).hasSize(2));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            mentioning(sleeper, sleepArg).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
