package dev.codexfence.engine.internal.probe;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.Redactor;
import dev.codexfence.engine.internal.schema.StringFieldRule;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks the values a probe declares that end up in its records (probe.id from the file name, probe.version,
 * its capability ids) against the rules of the record schema, read from {@code schema/boundary_object.json}
 * itself; and that the redactor would leave them alone (a probe named like a token would have its id
 * replaced by {@value Redactor#MARK} in every record). So a probe that passes discovery can always make a
 * valid record, the harness's own included.
 */
final class RecordFieldChecks {

    static final String SCHEMA = "boundary_object.json";

    private static final RecordFieldChecks BUNDLED = new RecordFieldChecks(FenceJson.bundled("schema/" + SCHEMA));

    private final StringFieldRule id;
    private final StringFieldRule version;
    private final StringFieldRule primary;
    private final StringFieldRule secondary;

    RecordFieldChecks(JsonNode schema) {
        this.id = StringFieldRule.of(schema, SCHEMA, "probe.id");
        this.version = StringFieldRule.of(schema, SCHEMA, "probe.version");
        this.primary = StringFieldRule.of(schema, SCHEMA, "probe.primary_capability_id");
        this.secondary = StringFieldRule.of(schema, SCHEMA, "probe.secondary_capability_ids[]");
    }

    static RecordFieldChecks bundled() {
        return BUNDLED;
    }

    /** The problem with the probe id (the file name without .sh), if any. */
    Optional<String> id(String value) {
        return check(id, value, "probe id \"" + value + "\" (the file name without .sh)", "rename the file");
    }

    Optional<String> version(String value) {
        return check(version, value, "probe_version \"" + value + "\"", "use a version such as \"1\" or \"2.1\"");
    }

    Optional<String> primary(String value) {
        return check(primary, value, "primary_capability_id \"" + value + "\"", "use a capability id of the catalog");
    }

    List<String> secondary(List<String> values) {
        return values.stream()
                .map(v ->
                        check(secondary, v, "secondary capability \"" + v + "\"", "use capability ids of the catalog"))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<String> check(StringFieldRule rule, String value, String what, String fix) {
        Optional<String> problem = rule.problem(value);
        if (problem.isPresent()) {
            return Optional.of(what + " " + problem.get() + "; no record could carry it (" + fix + ")");
        }
        if (!Redactor.redact(value).equals(value)) {
            return Optional.of(what + " looks like a secret to the redactor, which would replace it in every record"
                    + " (" + fix + ")");
        }
        return Optional.empty();
    }
}
