package dev.codexfence.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record model: immutable, equal when its fields are, and free-form JSON in one representation. */
class BoundaryObjectTest {

    private static BoundaryObject record(Map<String, Object> raw, List<String> secondary) {
        return new BoundaryObject(
                BoundaryObject.SCHEMA_VERSION,
                "codex_fence_catalog_v1",
                new BoundaryObject.Stack(
                        "0.169.0",
                        null,
                        ":workspace",
                        "workspace-write",
                        "Linux 6.18 x86_64",
                        "linux",
                        0,
                        true,
                        "sandbox-profile"),
                new BoundaryObject.Probe("fs_write_home_scratch", "1", "cap_fs_write_user_home", secondary),
                new BoundaryObject.Run("codex-sandbox", "/ws", "touch /root/x"),
                new BoundaryObject.Operation("fs", "write", "/root/x", Map.of()),
                new BoundaryObject.Result(ObservedResult.DENIED, 1, "EROFS", "refused", null),
                new BoundaryObject.Payload(null, "Read-only file system", raw),
                new BoundaryObject.CapabilityContext(
                        new BoundaryObject.CapabilitySnapshot("cap_fs_write_user_home", "filesystem", "os_sandbox"),
                        List.of()));
    }

    @Test
    void aRecordCannotBeChangedThroughWhatBuiltIt() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", new ArrayList<>(List.of("a")));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("host_effect", "absent");
        raw.put("nested", nested);
        List<String> secondary = new ArrayList<>(List.of("cap_fs_read_workspace_tree"));
        BoundaryObject r = record(raw, secondary);

        raw.put("host_effect", "present");
        nested.put("k", "changed");
        secondary.clear();
        assertThat(r.payload().raw()).containsEntry("host_effect", "absent");
        assertThat(r.payload().raw().get("nested")).isEqualTo(Map.of("k", List.of("a")));
        assertThat(r.probe().secondaryCapabilityIds()).containsExactly("cap_fs_read_workspace_tree");

        assertThatThrownBy(() -> r.payload().raw().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) r.payload().raw().get("nested");
        assertThatThrownBy(() -> inner.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) inner.get("k");
        assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.probe().secondaryCapabilityIds().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsWithTheSameFieldsAreEqualWhateverJavaTypesBuiltTheirNumbers() {
        Map<String, Object> ints = new HashMap<>();
        ints.put("small", 2);
        ints.put("long", 3_000_000_000L);
        ints.put("big", new BigInteger("123456789012345678901234567890"));
        ints.put("fraction", 0.5);
        ints.put("none", null);
        ints.put("list", List.of(1, 2));
        Map<String, Object> others = new HashMap<>();
        others.put("small", (byte) 2);
        others.put("long", BigInteger.valueOf(3_000_000_000L));
        others.put("big", new BigInteger("123456789012345678901234567890"));
        others.put("fraction", 0.5f);
        others.put("none", null);
        others.put("list", List.of((short) 1, 2L));
        BoundaryObject a = record(ints, List.of());
        BoundaryObject b = record(others, List.of());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.payload().raw().get("small")).isInstanceOf(Integer.class);
        assertThat(a.payload().raw().get("long")).isInstanceOf(Long.class);
        assertThat(b.payload().raw().get("fraction")).isEqualTo(0.5);
        assertThat(b.payload().raw()).containsEntry("none", null).containsKey("none");
        assertThat(record(Map.of("n", 2), List.of())).isNotEqualTo(record(Map.of("n", 2.0), List.of()));
        assertThat(record(Map.of("d", new BigDecimal("0.25")), List.of())
                        .payload()
                        .raw())
                .containsEntry("d", 0.25);
    }

    @Test
    void aValueJsonCannotHoldIsRefusedNamingWhereItIs() {
        assertThatThrownBy(() -> record(Map.of("path", Path.of("/x")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload.raw.path: a sun.nio.fs.UnixPath is not a JSON value");
        assertThatThrownBy(() -> record(Map.of("deep", Map.of(1, "x")), List.of()))
                .hasMessageContaining("payload.raw.deep: a JSON object's keys are strings, not a java.lang.Integer");
        assertThatThrownBy(() -> record(Map.of("set", java.util.Set.of("a")), List.of()))
                .hasMessageContaining("payload.raw.set: a java.util.ImmutableCollections$Set12 is not a JSON value");
    }

    @Test
    void aNumberJsonCannotWriteIsHeldAsTheTextItIsWrittenAs() {
        assertThat(record(Map.of("x", Double.POSITIVE_INFINITY, "y", Double.NaN), List.of())
                        .payload()
                        .raw())
                .containsEntry("x", "Infinity")
                .containsEntry("y", "NaN");
    }

    @Test
    void aRecordLineNamesWhereItCameFrom() {
        BoundaryObject r = record(Map.of(), List.of());
        assertThat(new RecordLine(r, "{}", "run.ndjson", 12).where()).isEqualTo("run.ndjson:12");
        assertThat(new RecordLine(r, "{}", "fs_write_home_scratch [codex-sandbox]", 0).where())
                .isEqualTo("fs_write_home_scratch [codex-sandbox]");
        assertThatThrownBy(() -> new RecordLine(r, "{}", "x", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
