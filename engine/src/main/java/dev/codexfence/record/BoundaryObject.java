package dev.codexfence.record;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One cfbo-v1 record: what one probe observed in one run mode. Component order is the record's key order on
 * the wire. docs/boundary_object.md explains each field; schema/boundary_object.json is the contract.
 *
 * <p>A record is an immutable value: its lists and JSON objects are unmodifiable copies made when it is built,
 * and two records are equal when their fields are. {@link Operation#args() operation.args} and
 * {@link Payload#raw() payload.raw}, the two free-form JSON objects, are {@code Map<String, Object>} with
 * these values, as JSON holds them:
 * <ul>
 *   <li>a string: {@link String}; {@code true}/{@code false}: {@link Boolean}; {@code null}: {@code null};</li>
 *   <li>a whole number: {@link Integer}, else {@link Long}, else {@link java.math.BigInteger} (the smallest that
 *       holds it); a number with a fraction or an exponent: {@link Double};</li>
 *   <li>an array: an unmodifiable {@link List}; an object: an unmodifiable {@link Map} keeping the key order.</li>
 * </ul>
 * The constructors take any {@link Number} of the JDK's ({@code 2L} and {@code 2} make the same record) and
 * refuse anything else that is not a JSON value.
 */
@API(status = STABLE, since = "0.1")
public record BoundaryObject(
        String schemaVersion,
        String capabilitiesSchemaVersion,
        Stack stack,
        Probe probe,
        Run run,
        Operation operation,
        Result result,
        Payload payload,
        CapabilityContext capabilityContext) {

    public static final String SCHEMA_VERSION = "cfbo-v1";

    /**
     * The machine, OS user and codex CLI the observation was made with.
     *
     * @param codexNpmVersion the npm version of the codex release, present only when the run selected it by its
     *     version ({@code --codex-version}); {@code codexCliVersion} is what the binary says, which can differ
     *     ({@code 0.1.2505291658} says {@code 0.0.2505291458}). Optional in the schema: absent, not null, otherwise
     */
    public record Stack(
            String codexCliVersion,
            String codexNpmVersion,
            String codexProfile,
            String sandboxMode,
            String os,
            String platform,
            Integer uid,
            Boolean isRoot,
            String sandboxInterface) {

        /**
         * The codex release the record was made with: its npm version where the run selected it by version, else what
         * the binary reports; null without codex. Every grouping by release (histories, diffs, expectations) uses this.
         */
        public String codexRelease() {
            return codexNpmVersion != null ? codexNpmVersion : codexCliVersion;
        }
    }

    /** @param secondaryCapabilityIds an unmodifiable copy of the list given */
    public record Probe(String id, String version, String primaryCapabilityId, List<String> secondaryCapabilityIds) {

        public Probe {
            secondaryCapabilityIds = secondaryCapabilityIds == null ? null : List.copyOf(secondaryCapabilityIds);
        }
    }

    public record Run(String mode, String workspaceRoot, String command) {}

    /** @param args a JSON object, as the record's class comment describes: an unmodifiable copy of the map given */
    public record Operation(String category, String verb, String target, Map<String, Object> args) {

        public Operation {
            args = JsonValues.object(args, "operation.args");
        }
    }

    public record Result(
            ObservedResult observedResult, Integer rawExitCode, String errno, String message, String errorDetail) {}

    /** @param raw a JSON object, as the record's class comment describes: an unmodifiable copy of the map given */
    public record Payload(String stdoutSnippet, String stderrSnippet, Map<String, Object> raw) {

        public Payload {
            raw = JsonValues.object(raw, "payload.raw");
        }
    }

    /** @param secondary an unmodifiable copy of the list given */
    public record CapabilityContext(CapabilitySnapshot primary, List<CapabilitySnapshot> secondary) {

        public CapabilityContext {
            secondary = secondary == null ? null : List.copyOf(secondary);
        }
    }

    public record CapabilitySnapshot(String id, String category, String layer) {}
}
