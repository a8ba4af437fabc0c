package dev.codexfence.engine.internal.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.history.RecordedShards;
import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import dev.codexfence.record.RecordLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;

/**
 * A record read and written back is the same bytes: the record model holds every value of a record exactly, and its
 * JSON form (keys, order, numbers, escapes, the optional {@code codex_npm_version}) is the one the engine writes.
 */
class RecordJsonTest {

    @TempDir
    Path tmp;

    private static List<RecordLine> read(String ndjson) {
        return new RecordReader().read("t.ndjson", new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyCommittedRunFileReadsBackAsTheSameBytesLineByLineAndAsAWholeLog() throws IOException {
        List<Path> files = RecordedShards.files();
        int records = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            List<String> lines = text.lines().toList();
            List<RecordLine> read = new RecordReader().read(file);
            assertThat(read).as(file.toString()).hasSize(lines.size()).isNotEmpty();
            for (int i = 0; i < read.size(); i++) {
                RecordLine line = read.get(i);
                assertThat(line.json()).as(line.where()).isEqualTo(lines.get(i));
                assertThat(RecordJson.line(line.record())).as(line.where()).isEqualTo(lines.get(i));
                // value equality: the record rebuilt from its own tree is the same record
                assertThat(RecordJson.record(RecordJson.tree(line.record())))
                        .as(line.where())
                        .isEqualTo(line.record());
                assertThat(line.lineNumber()).isEqualTo(i + 1);
            }
            // the engine's log writes the same lines (in its own order: by capability, probe and mode), whatever the
            // order they came in
            Path out = tmp.resolve(file.getFileName());
            RecordLog log = RecordLog.open(out);
            List<RecordLine> reversed = new ArrayList<>(read);
            Collections.reverse(reversed);
            reversed.forEach(log::append);
            log.close();
            List<String> written = Files.readString(out).lines().toList();
            assertThat(written).as(file.toString()).containsExactlyInAnyOrderElementsOf(lines);
            assertThat(new RecordReader().read(out))
                    .extracting(l -> l.record().probe().primaryCapabilityId() + " "
                            + l.record().probe().id() + " " + l.record().run().mode())
                    .isSorted();
            records += read.size();
        }
        assertThat(records).isGreaterThan(300);
    }

    @Test
    void freeFormValuesOfEveryKindRoundTripExactly() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", List.of());
        nested.put("a", Map.of());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("int", -7);
        raw.put("long", 3_000_000_000L);
        raw.put("big", new BigInteger("123456789012345678901234567890"));
        raw.put("fraction", 0.1);
        raw.put("exponent", 1.0E20);
        raw.put("negative_zero", -0.0);
        raw.put("yes", true);
        raw.put("nothing", null);
        raw.put("text", "tab\t \"quoted\" \u0001 é ☃ 😀 </script>");
        raw.put("list", List.of(1, "two", List.of(3.5), nested));
        raw.put("nested", nested);
        BoundaryObject record = new BoundaryObject(
                BoundaryObject.SCHEMA_VERSION,
                "codex_fence_catalog_v1",
                new BoundaryObject.Stack(
                        "0.0.2505291458",
                        "0.1.2505291658",
                        ":workspace",
                        "workspace-write",
                        "Linux",
                        "linux",
                        1000,
                        false,
                        "debug"),
                new BoundaryObject.Probe(
                        "fs_x", "1", "cap_fs_read_workspace_tree", List.of("cap_fs_read_git_metadata")),
                new BoundaryObject.Run("codex-sandbox", null, "cat x"),
                new BoundaryObject.Operation("fs", "read", "x", Map.of("k", List.of())),
                new BoundaryObject.Result(ObservedResult.PARTIAL, null, null, "half", null),
                new BoundaryObject.Payload("out", null, raw),
                new BoundaryObject.CapabilityContext(
                        new BoundaryObject.CapabilitySnapshot("cap_fs_read_workspace_tree", "filesystem", "os_sandbox"),
                        List.of(new BoundaryObject.CapabilitySnapshot(
                                "cap_fs_read_git_metadata", "filesystem", "os_sandbox"))));
        String line = RecordJson.line(record);
        assertThat(line)
                .contains(
                        "\"stack\":{\"codex_cli_version\":\"0.0.2505291458\",\"codex_npm_version\":\"0.1.2505291658\",")
                .contains("\"observed_result\":\"partial\"")
                .contains(
                        "\"raw\":{\"int\":-7,\"long\":3000000000,\"big\":123456789012345678901234567890,\"fraction\":0.1,"
                                + "\"exponent\":1.0E20,\"negative_zero\":-0.0,\"yes\":true,\"nothing\":null,");
        RecordLine back = read(line).get(0);
        assertThat(back.record()).isEqualTo(record);
        assertThat(back.json()).isEqualTo(line);
        assertThat(RecordJson.line(back.record())).isEqualTo(line);
    }

    @Test
    void withoutAnNpmVersionTheKeyIsLeftOutNotWrittenAsNull() {
        BoundaryObject.Stack stack =
                new BoundaryObject.Stack("0.169.0", null, null, null, "Linux", "linux", 0, true, null);
        assertThat(RecordJson.tree(stack).propertyNames())
                .containsExactly(
                        "codex_cli_version",
                        "codex_profile",
                        "sandbox_mode",
                        "os",
                        "platform",
                        "uid",
                        "is_root",
                        "sandbox_interface");
        assertThat(RecordJson.stack(RecordJson.tree(stack))).isEqualTo(stack);
    }

    @Test
    void readingIsStrictAboutKeysTheModelDoesNotHave() {
        var tree = FenceJson.MAPPER.readTree("{\"codex_cli_version\":null,\"surprise\":1}");
        assertThatThrownBy(() -> RecordJson.stack(tree))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("surprise");
    }

    @Test
    void aLineThatIsNotCanonicalReadsAsItsCanonicalForm() {
        String canonical = RecordedShards.lines().get(0).json();
        String spaced = FenceJson.MAPPER
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(FenceJson.MAPPER.readTree(canonical))
                .replace("\n", " ");
        RecordLine line = read(spaced).get(0);
        assertThat(line.json()).isEqualTo(canonical);
        assertThat(line.where()).isEqualTo("t.ndjson:1");
    }
}
