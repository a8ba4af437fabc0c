package dev.codexfence.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field rules come from the record schema itself (following its $refs), so discovery checks what the schema
 * says today; and every value the harness itself puts into a pattern-bound field (the mode names) passes.
 */
class StringFieldRuleTest {

    private static final JsonNode SCHEMA = FenceJson.bundled("schema/boundary_object.json");

    @Test
    void theRuleIsTheSchemasThroughItsRef() {
        StringFieldRule id = StringFieldRule.of(SCHEMA, "boundary_object.json", "probe.id");
        assertThat(id.pattern())
                .isEqualTo(SCHEMA.at("/$defs/identifier/pattern").asString());
        assertThat(id.problem("fs_read_etc_hosts")).isEmpty();
        assertThat(id.problem("bad name"))
                .contains("does not match ^[A-Za-z0-9][A-Za-z0-9_.-]*$, the pattern"
                        + " boundary_object.json demands of probe.id");
        StringFieldRule version = StringFieldRule.of(SCHEMA, "boundary_object.json", "probe.version");
        assertThat(version.problem("2.1-rc1")).isEmpty();
        assertThat(version.problem(""))
                .contains("is shorter than the 1 character(s) boundary_object.json demands" + " of probe.version");
        StringFieldRule secondary =
                StringFieldRule.of(SCHEMA, "boundary_object.json", "probe.secondary_capability_ids[]");
        assertThat(secondary.pattern())
                .isEqualTo(SCHEMA.at("/$defs/capability_id/pattern").asString());
        StringFieldRule snippet = StringFieldRule.of(SCHEMA, "boundary_object.json", "payload.stdout_snippet");
        assertThat(snippet.problem("x".repeat(401)))
                .contains(
                        "is longer than the 400 characters boundary_object.json" + " allows in payload.stdout_snippet");
        assertThat(snippet.problem("x".repeat(400))).isEmpty();
    }

    @Test
    void aChangedSchemaChangesTheRule() {
        ObjectNode changed = (ObjectNode) SCHEMA.deepCopy();
        ((ObjectNode) changed.at("/$defs/identifier")).put("pattern", "^[a-z ]+$");
        StringFieldRule id = StringFieldRule.of(changed, "changed.json", "probe.id");
        assertThat(id.problem("bad name")).isEmpty();
        assertThat(id.problem("Upper")).isPresent();
    }

    @Test
    void everyModeNameTheHarnessWritesFitsRunMode() {
        StringFieldRule mode = StringFieldRule.of(SCHEMA, "boundary_object.json", "run.mode");
        assertThat(mode.pattern()).isNotNull();
        assertThat(ModeCatalog.knownModes())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(mode.problem(m)).as(m).isEmpty());
    }

    @Test
    void anUnknownOrNonStringFieldIsAnError() {
        assertThatThrownBy(() -> StringFieldRule.of(SCHEMA, "boundary_object.json", "probe.nope"))
                .hasMessage("boundary_object.json has no field probe.nope");
        assertThatThrownBy(() -> StringFieldRule.of(SCHEMA, "boundary_object.json", "stack.uid"))
                .hasMessage("boundary_object.json field stack.uid is not a string field");
    }
}
