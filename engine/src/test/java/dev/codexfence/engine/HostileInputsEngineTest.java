package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.engine.internal.schema.SchemaValidator;
import dev.codexfence.hostile.HostileInputs;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import tools.jackson.databind.JsonNode;

/**
 * The hostile-inputs probe root through the engine (issue 13, items 8 and 9): a FIFO, a symlink to /dev/zero
 * and an 8 GiB file are refused without being opened, probe ids and versions no record could carry fail
 * discovery, each as a failing contract node of its own; the healthy neighbour passes with its record, and
 * a probe whose binary output would overflow the harness's own payload still gets a valid harness record.
 * Everything runs under a timeout, so a regression to "hangs forever" fails instead of hanging the build.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputsEngineTest {

    private static final SchemaValidator SCHEMA = RecordAssembler.bundledSchema();

    @TempDir
    static Path tmp;

    private static Path root;
    private static EngineExecutionResults results;

    @BeforeAll
    static void runTheHostileRoot() throws Exception {
        root = HostileInputs.build(tmp.resolve("probes"));
        results = Fixtures.kit(
                        tmp.resolve("out"),
                        Map.of(Constants.MISSING_COVERAGE, "skip", Constants.EXPECTATIONS_ENABLED, "false"),
                        selectDirectory(root.toFile()))
                .execute();
    }

    private static String contract(String file, String... issues) {
        StringBuilder sb = new StringBuilder("probe " + file + " breaks the probe contract:");
        for (String issue : issues) {
            sb.append('\n').append(file).append(": ").append(issue);
        }
        return sb.toString();
    }

    @Test
    void everyBadFileFailsItsOwnContractNodeWithAPreciseMessage() {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                displayName("x.sh [contract]"),
                                finishedWithFailure(message(contract("x.sh", "is a FIFO, not a regular file")))))
                .haveExactly(
                        1,
                        event(
                                displayName("zero.sh [contract]"),
                                finishedWithFailure(message(contract(
                                        "zero.sh",
                                        "a symlink leaving the probe root (to /dev/zero)",
                                        "is a symlink to /dev/zero, a character device, not a regular file")))))
                .haveExactly(
                        1,
                        event(
                                displayName("huge.sh [contract]"),
                                finishedWithFailure(message(contract(
                                        "huge.sh",
                                        "is 8 GiB (8589934592 bytes), more than the 1 MiB a probe may be")))))
                .haveExactly(
                        1,
                        event(
                                displayName("bad name.sh [contract]"),
                                finishedWithFailure(message(contract(
                                        "bad name.sh",
                                        "probe id \"bad name\" (the file name without .sh) does not match ^[A-Za-z0-9][A-Za-z0-9_.-]*$,"
                                                + " the pattern boundary_object.json demands of probe.id; no record could carry it"
                                                + " (rename the file)")))))
                .haveExactly(
                        1,
                        event(
                                displayName("fx_bad_version.sh [contract]"),
                                finishedWithFailure(message(contract(
                                        "fx_bad_version.sh",
                                        "line 5: probe_version \"1 beta\" does not match ^\\S+$, the pattern"
                                                + " boundary_object.json demands of probe.version; no record could carry it (use a"
                                                + " version such as \"1\" or \"2.1\")")))))
                .haveExactly(
                        1,
                        event(
                                displayName(HostileInputs.TOKEN_LIKE_ID + ".sh [contract]"),
                                finishedWithFailure(message(contract(
                                        HostileInputs.TOKEN_LIKE_ID + ".sh",
                                        "probe id \"" + HostileInputs.TOKEN_LIKE_ID
                                                + "\" (the file name without .sh) looks like a secret to the redactor, which would"
                                                + " replace it in every record (rename the file)")))));
    }

    @Test
    void theHealthyNeighbourRunsAndOnlyTheBadFilesFail() {
        results.testEvents().assertStatistics(s -> s.started(8).succeeded(1).failed(7));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(displayName("fx_neighbour [baseline]"), finishedSuccessfully()));
        Map<String, JsonNode> records = Fixtures.recordsByTest(results);
        assertThat(records).containsOnlyKeys("fx_neighbour [baseline]", "fx_binary_output [baseline]");
        JsonNode neighbour = records.get("fx_neighbour [baseline]");
        assertThat(SCHEMA.validate(neighbour)).isEmpty();
        assertThat(neighbour.at("/result/observed_result").asString()).isEqualTo("success");
    }

    @Test
    void binaryOutputStillGetsAValidHarnessRecordWithinThePayloadCap() {
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                displayName("fx_binary_output [baseline]"),
                                finishedWithFailure(message(m -> m.startsWith(
                                                "fx_binary_output [baseline]: stdout carries more than the record: line 1: \u0001")
                                        && !m.contains("invalid record")))));
        JsonNode record = Fixtures.recordsByTest(results).get("fx_binary_output [baseline]");
        assertThat(SCHEMA.validate(record)).isEmpty();
        assertThat(record.at("/payload/raw/harness_error").asString()).isEqualTo("contract_violation");
        int payloadBytes = FenceJson.MAPPER.writeValueAsBytes(record.at("/payload")).length;
        assertThat(payloadBytes).isLessThanOrEqualTo(RecordAssembler.PAYLOAD_LIMIT);
        // the harness kept as much of both outputs as fits, not nothing
        assertThat(record.at("/payload/stdout_snippet").asString())
                .startsWith("\u0001\u0001")
                .hasSizeGreaterThan(200);
        assertThat(record.at("/payload/stderr_snippet").asString())
                .startsWith("\u0002\u0002")
                .hasSizeGreaterThan(200);
    }

    @Test
    void aBrokenProbeUniqueIdNamesAFileInTheRootNeverAPathElsewhere() {
        UniqueId engine = UniqueId.forEngine(Constants.ENGINE_ID);
        Map<String, String> config = Map.of(Constants.PROBES_ROOT, root.toString());
        var fifo = Fixtures.kit(tmp.resolve("out-id"), config, selectUniqueId(engine.append("broken-probe", "x.sh")))
                .discover();
        assertThat(fifo.getEngineDescriptor().getDescendants())
                .extracting(TestDescriptor::getDisplayName)
                .containsExactly("x.sh [contract]");
        // fx_crlf.sh of the fault corpus is broken too: found through this path, it would become a node here
        String elsewhere =
                root.relativize(Fixtures.tree("faults").resolve("fx_crlf.sh")).toString();
        assertThat(elsewhere).startsWith("../");
        var escaped = Fixtures.kit(
                        tmp.resolve("out-id"), config, selectUniqueId(engine.append("broken-probe", elsewhere)))
                .discover();
        assertThat(escaped.getEngineDescriptor().getDescendants()).isEmpty();
    }

    @Test
    void aFifoSelectedAsAFileIsABrokenNodeNotAHang() {
        var one = Fixtures.kit(
                        tmp.resolve("out-one"),
                        Map.of(),
                        selectFile(root.resolve("x.sh").toString()))
                .execute();
        one.testEvents().assertStatistics(s -> s.started(1).failed(1));
        one.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                displayName("x.sh [contract]"),
                                finishedWithFailure(message(contract("x.sh", "is a FIFO, not a regular file")))));
    }
}
