package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The run's output folder against a probe that plants symlinks to a victim file under the names of the run's
 * NDJSON files (fixtures/hostile/output), and against folders another user could tamper with, through the CLI:
 * the victim is never written, the record file is a regular 0600 file in a 0700 folder, and an unsafe or unusable
 * output folder is refused before anything runs, with a message that says why.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileOutputTest {

    private static final String PROBE = "hx_plant_output";
    private static final String VICTIM_TEXT = "precious: must not be overwritten\n";

    @TempDir
    Path tmp;

    private CliProcess.Result plant(String mode, Path out, Path victim) throws Exception {
        CliProcess p = cli(
                "--rattle",
                "--probe",
                PROBE,
                "--probes",
                HostileRuns.fixture("output").toString(),
                "--mode",
                mode,
                "--output",
                out.toString(),
                "--timeout",
                "60",
                "-c",
                "codex-fence.expectations.enabled=false",
                "-c",
                "codex-fence.scratch.dir=" + CliProcess.scratchRoot("ho"),
                "-c",
                "codex-fence.probe.env.HX_OUTPUT=" + out,
                "-c",
                "codex-fence.probe.env.HX_VICTIM=" + victim);
        HostileRuns.codex().ifPresent(c -> p.args("--codex", c.toString()));
        return p.timeout(Duration.ofSeconds(120)).run();
    }

    private Path victim() throws Exception {
        Path victim = tmp.resolve("victim.rc");
        Files.writeString(victim, VICTIM_TEXT, StandardCharsets.UTF_8);
        return victim;
    }

    /** The run's NDJSON file: a regular file (no symlink), mode 0600, holding exactly the run's record. */
    private static void assertPrivateRecordFile(Path out, CliProcess.Result r) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rwx------");
        List<Path> ndjson;
        try (var files = Files.list(out)) {
            ndjson = files.filter(f -> f.getFileName().toString().endsWith(".ndjson"))
                    .toList();
        }
        assertThat(ndjson).as(r.toString()).singleElement().satisfies(f -> {
            assertThat(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rw-------");
            assertThat(Files.readAllLines(f)).singleElement().asString().contains("\"id\":\"" + PROBE + "\"");
        });
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void inBaselineThePlantedSymlinksAreNeverWrittenThroughAndTheSwapIsReported() throws Exception {
        Path out = tmp.resolve("out"); // under /tmp: codex-fence's own files are safe in it all the same
        Path victim = victim();
        var r = plant("baseline", out, victim);
        JsonNode record = HostileRuns.record(r, PROBE, "baseline");
        assertThat(record.at("/payload/raw/found").asString()).as(r.toString()).isEqualTo("1");
        assertThat(record.at("/payload/raw/planted").asString()).isEqualTo("3");

        assertThat(Files.readString(victim)).isEqualTo(VICTIM_TEXT);
        assertPrivateRecordFile(out, r);
        // the planted NAME.ndjson.tmp is left as it was: a symlink nobody wrote through
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".ndjson.tmp"))
                            .toList())
                    .singleElement()
                    .satisfies(f -> assertThat(Files.readSymbolicLink(f)).isEqualTo(victim));
        }
        // the swap of the partial file is not silent: the run fails with it
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr())
                .contains(
                        "codex-fence: FAILED codex-fence: harness integrity: the run's partial NDJSON file "
                                + out.resolve(""),
                        ".ndjson.partial was replaced while probes ran");
    }

    @Test
    void inCodexSandboxTheOutputFolderCannotBeTouched() throws Exception {
        HostileRuns.requireCodex();
        Path out = CliProcess.scratchRoot("ho-out").resolve("out"); // outside /tmp: not writable in the sandbox
        Path victim = victim();
        var r = plant("codex-sandbox", out, victim);
        JsonNode record = HostileRuns.record(r, PROBE, "codex-sandbox");
        assertThat(record.at("/payload/raw/found").asString()).as(r.toString()).isEqualTo("1");
        assertThat(record.at("/payload/raw/planted").asString()).isEqualTo("0");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(victim)).isEqualTo(VICTIM_TEXT);
        assertPrivateRecordFile(out, r);
    }

    @Test
    void anOutputFolderOthersMayWriteIsRefusedBeforeAnythingRuns() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        var r = cli(
                        "--rattle",
                        "--probe",
                        PROBE,
                        "--probes",
                        HostileRuns.fixture("output").toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        open.toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr().strip())
                .isEqualTo(
                        "codex-fence: --output " + open + " is writable by every user (mode"
                                + " rwxrwxrwx); codex-fence writes only into folders no other user can write: choose another or chmod go-w it");
        assertThat(r.stdout()).isEmpty();

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
        var group = cli(
                        "--rattle",
                        "--probe",
                        PROBE,
                        "--probes",
                        HostileRuns.fixture("output").toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        open.toString())
                .run();
        assertThat(group.stderr()).contains("is writable by its group (mode rwxrwx---)");
        assertThat(group.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anOutputFolderOfAnotherUserIsRefused() throws Exception {
        Path foreign;
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            foreign = Files.createDirectory(tmp.resolve("foreign"));
            Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));
            Files.setAttribute(foreign, "unix:uid", 65534);
        } else {
            foreign = Path.of("/"); // root's, and this test does not run as root
        }
        var r = cli(
                        "--rattle",
                        "--probe",
                        PROBE,
                        "--probes",
                        HostileRuns.fixture("output").toString(),
                        "--mode",
                        "baseline",
                        "--output",
                        foreign.toString())
                .run();
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr())
                .contains("codex-fence: --output " + foreign + " belongs to another user (uid ")
                .contains("codex-fence writes only into folders of its own user");
    }

    @Test
    void anOutputThatIsNotAFolderGetsItsOwnMessage() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        for (Path output : List.of(Path.of("/dev/null"), file)) {
            var r = cli(
                            "--rattle",
                            "--probe",
                            PROBE,
                            "--probes",
                            HostileRuns.fixture("output").toString(),
                            "--mode",
                            "baseline",
                            "--output",
                            output.toString())
                    .run();
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.stderr().strip()).isEqualTo("codex-fence: --output " + output + " is not a directory");
        }
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
