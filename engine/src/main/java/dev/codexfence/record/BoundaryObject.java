package dev.codexfence.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One cfbo-v1 record: what one probe observed in one run mode. Component order is the record's key order on
 * the wire. docs/boundary_object.md explains each field; schema/boundary_object.json is the contract.
 */
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
            @JsonInclude(JsonInclude.Include.NON_NULL) String codexNpmVersion,
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

    public record Probe(String id, String version, String primaryCapabilityId, List<String> secondaryCapabilityIds) {}

    public record Run(String mode, String workspaceRoot, String command) {}

    public record Operation(String category, String verb, String target, ObjectNode args) {}

    public record Result(
            ObservedResult observedResult, Integer rawExitCode, String errno, String message, String errorDetail) {}

    public record Payload(String stdoutSnippet, String stderrSnippet, ObjectNode raw) {}

    public record CapabilityContext(CapabilitySnapshot primary, List<CapabilitySnapshot> secondary) {}

    public record CapabilitySnapshot(String id, String category, String layer) {}
}
