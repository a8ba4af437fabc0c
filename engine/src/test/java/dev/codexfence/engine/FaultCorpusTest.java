package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.testing.LiveProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.JsonNode;

/**
 * The fault corpus (src/test/fixtures/faults): deliberately broken probes run next to healthy ones. Each
 * broken node fails with its own message, the healthy records stay intact, nothing is left running.
 *
 * <p>No outcome depends on how fast the machine is: the corpus runs with a timeout that no probe that ends by
 * itself reaches, however loaded the machine (the 100 MiB floods are checked by the bytes the harness counted,
 * not by the time they took), and the probes that never end by themselves (src/test/fixtures/hangs) run apart
 * with a short timeout, which is then the only way they can end.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class FaultCorpusTest {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();
    /** Seconds: far beyond what any fault of the corpus needs, so only a hang can meet it. */
    private static final String GENEROUS = "300";
    /** Seconds: the hangs never end by themselves, so they always meet it. */
    private static final String HANG_TIMEOUT = "3";

    private static final long FLOOD_BYTES = 100L << 20;

    @TempDir
    static Path out;

    private static EngineExecutionResults results;
    private static EngineExecutionResults hangs;

    @BeforeAll
    static void runTheCorpus() {
        results = Fixtures.kit(
                        out.resolve("faults"),
                        Map.of(Constants.TIMEOUT_SECONDS, GENEROUS),
                        selectDirectory(Fixtures.tree("faults").toFile()))
                .execute();
        hangs = Fixtures.kit(
                        out.resolve("hangs"),
                        Map.of(Constants.TIMEOUT_SECONDS, HANG_TIMEOUT, Constants.MISSING_COVERAGE, "skip"),
                        selectDirectory(Fixtures.tree("hangs").toFile()))
                .execute();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> faults() {
        return Stream.of(
                args("fx_stdout_flood", "bytes on stdout; a probe prints one record"),
                args(
                        "fx_stderr_flood",
                        "the probe wrote " + FLOOD_BYTES + " bytes on stderr; the harness kept the first 1048576"),
                args("fx_silent", "no record on stdout"),
                args("fx_two_records", "2 records on stdout"),
                args("fx_invalid_json", "stdout is not a JSON record"),
                args("fx_schema_violation", "the record violates boundary_object.json"),
                args("fx_exit_nonzero", "exited with status 3 after emitting its record"),
                args("fx_killed_by_signal", "was killed by signal 9 (exit status 137) after emitting its record"),
                args("fx_daemon", "still running after it exited; the harness killed it"),
                args("fx_closes_stdout", "no record on stdout"),
                args("fx_leaves_debris", "left 1 path(s) in its workspace: fx-debris-"),
                args("fx_wrong_mode", "run.mode \"codex-full\" but the harness ran mode \"baseline\""),
                args("fx_not_executable.sh", "not executable"),
                args("fx_crlf.sh", "CRLF line endings"),
                args("fx_unknown_cap.sh", "primary capability cap_not_in_any_catalog is not in catalog"),
                args("fx_other_name.sh", "probe_name \"fx_something_else\" differs from the file name"),
                args("fx_duplicate.sh", "duplicate probe id \"fx_healthy_a\""),
                args("fx_symlink_outside.sh", "a symlink leaving the probe root"));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String node, String message) {
        return org.junit.jupiter.params.provider.Arguments.of(node, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void brokenNodeFailsWithItsOwnMessage(String node, String expected) {
        var which = node.endsWith(".sh") ? Fixtures.node("broken-probe", node) : Fixtures.node("probe", node);
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), which, finishedWithFailure(message(m -> m.contains(expected)))));
    }

    @Test
    void theStdoutFloodWasReadToTheLastByteAndOnlyTheFirstMegabyteKept() {
        JsonNode r = Fixtures.recordsByTest(results).get("fx_stdout_flood [baseline]");
        assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("stdout_flood");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("printed (\\d+) bytes on stdout")
                .matcher(r.at("/result/message").asString());
        assertThat(m.find()).as(r.at("/result/message").asString()).isTrue();
        // 100 MiB of x, then the record line: the harness drained it all (a timeout would have cut it short)
        assertThat(Long.parseLong(m.group(1))).isGreaterThan(FLOOD_BYTES).isLessThan(FLOOD_BYTES + 65_536);
    }

    @Test
    void aProbeThatNeverEndsIsKilledByTheTimeoutAndOnlyByIt() {
        hangs.testEvents().assertStatistics(s -> s.started(2).failed(2).succeeded(0));
        for (String hang : List.of("fx_hang", "fx_sleep_then_write")) {
            hangs.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    test(),
                                    Fixtures.node("probe", hang),
                                    finishedWithFailure(message(hang + " [baseline]: timed out after " + HANG_TIMEOUT
                                            + " s; the process tree was killed"))));
        }
        Map<String, JsonNode> records = Fixtures.recordsByTest(hangs);
        assertThat(records).containsOnlyKeys("fx_hang [baseline]", "fx_sleep_then_write [baseline]");
        assertThat(records.values()).allSatisfy(r -> {
            assertThat(SCHEMA.validate(r)).isEmpty();
            assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("timeout");
            assertThat(r.at("/result/observed_result").asString()).isEqualTo("error");
        });
        assertThat(LiveProcesses.matching(c -> c.contains(Fixtures.tree("hangs") + "/")))
                .isEmpty();
    }

    @Test
    void healthyProbesPassWithIntactRecords() {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(), Fixtures.node("probe", "fx_healthy_a"), finishedSuccessfully()))
                .haveExactly(1, event(test(), Fixtures.node("probe", "fx_healthy_b"), finishedSuccessfully()));
        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        for (String healthy : List.of("fx_healthy_a [baseline]", "fx_healthy_b [baseline]")) {
            assertThat(SCHEMA.validate(records.get(healthy))).isEmpty();
            assertThat(records.get(healthy).at("/result/observed_result").asString())
                    .isEqualTo("success");
        }
        // every dynamic fault still has one valid record (a harness-made one where the probe gave none)
        assertThat(records.values())
                .allSatisfy(r -> assertThat(SCHEMA.validate(r)).isEmpty());
        assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
    }

    @Test
    void nothingTheCorpusStartedIsStillRunning() {
        // the daemon did outlive its probe, so there was something to kill
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test(),
                                Fixtures.node("probe", "fx_daemon"),
                                finishedWithFailure(message(
                                        m -> m.contains("still running after it exited; the harness killed it")))));
        // the daemon names itself after this run's workspace, and the probes are matched by this checkout's path,
        // so processes of another build running the same corpus on this machine do not count here
        String daemon = "fx_daemon_sleeper "
                + Fixtures.recordsByTest(results)
                        .get("fx_daemon [baseline]")
                        .at("/run/workspace_root")
                        .asString();
        assertThat(LiveProcesses.matching(c -> c.contains(Fixtures.tree("faults") + "/") || c.contains(daemon)))
                .isEmpty();
    }

    @Test
    void aRecordMissingAnyRequiredFieldIsRejectedNamingIt(@TempDir Path root) throws IOException {
        JsonNode schema =
                FenceJson.MAPPER.readTree(Path.of(System.getProperty("fence.root", ".."), "schema/boundary_object.json")
                        .toFile());
        List<String> fields = new java.util.ArrayList<>();
        schema.get("required").forEach(f -> fields.add(f.asString()));
        for (String section : List.of("stack", "probe", "run", "operation", "result", "payload")) {
            schema.at("/properties/" + section + "/required").forEach(f -> fields.add(section + "/" + f.asString()));
        }
        // emit-record output of a healthy probe, with one field removed in turn (the harness replaces stack,
        // capability_context and capabilities_schema_version, so those are never the probe's to break)
        List<String> probeOwned = fields.stream()
                .filter(f -> !f.startsWith("stack")
                        && !f.equals("capability_context")
                        && !f.equals("capabilities_schema_version")
                        && !f.equals("stack"))
                .toList();
        assertThat(probeOwned)
                .as("probe-owned required fields")
                .contains("schema_version", "probe/id", "result/observed_result")
                .doesNotContain("stack", "capability_context");
        String sample = sampleObservation();
        for (String field : probeOwned) {
            String id = "fx_missing_" + field.replace('/', '_');
            JsonNode obs = FenceJson.MAPPER.readTree(sample.replace("fx_sample", id));
            String[] path = field.split("/");
            var parent = path.length == 1
                    ? (tools.jackson.databind.node.ObjectNode) obs
                    : (tools.jackson.databind.node.ObjectNode) obs.get(path[0]);
            parent.remove(path[path.length - 1]);
            Path probe = root.resolve(id + ".sh");
            Files.writeString(
                    probe,
                    "#!/usr/bin/env bash\nset -euo pipefail\nprobe_name=\"" + id + "\"\n"
                            + "primary_capability_id=\"cap_fs_read_workspace_tree\"\n"
                            + "printf '%s\\n' '"
                            + FenceJson.MAPPER.writeValueAsString(obs).replace("'", "'\\''") + "'\n"
                            + "if false; then emit-record; fi\n");
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        var run = Fixtures.kit(root.resolve("out"), Map.of(), selectDirectory(root.toFile()))
                .execute();
        for (String field : probeOwned) {
            String id = "fx_missing_" + field.replace('/', '_');
            String pointer = "/" + field;
            run.testEvents()
                    .assertThatEvents()
                    .as(field)
                    .haveExactly(
                            1,
                            event(
                                    test(),
                                    Fixtures.node("probe", id),
                                    finishedWithFailure(message(m -> m.contains(pointer)))));
        }
    }

    private static String sampleObservation() throws IOException {
        Path bin = dev.codexfence.engine.internal.run.RuntimeLayout.extract(Files.createTempDirectory(out, "bin"));
        Process p = new ProcessBuilder(
                        "bash",
                        bin.resolve("emit-record").toString(),
                        "--run-mode",
                        "baseline",
                        "--probe-name",
                        "fx_sample",
                        "--primary-capability-id",
                        "cap_fs_read_workspace_tree",
                        "--command",
                        "c",
                        "--category",
                        "fs",
                        "--verb",
                        "read",
                        "--target",
                        "t",
                        "--status",
                        "success")
                .start();
        try {
            String text = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return text.strip();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHealthyProbeAloneStillPassesAfterTheFaults() {
        var again = Fixtures.kit(
                        out.resolve("again"),
                        Map.of(),
                        selectFile(Fixtures.tree("faults")
                                .resolve("fx_healthy_a.sh")
                                .toFile()))
                .execute();
        again.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }
}
