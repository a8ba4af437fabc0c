package dev.codexfence.record;

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

    /** The machine, OS user and codex CLI the observation was made with. */
    public record Stack(
            String codexCliVersion,
            String codexProfile,
            String sandboxMode,
            String os,
            String platform,
            Integer uid,
            Boolean isRoot,
            String sandboxInterface) {}

    public record Probe(String id, String version, String primaryCapabilityId, List<String> secondaryCapabilityIds) {}

    public record Run(String mode, String workspaceRoot, String command) {}

    public record Operation(String category, String verb, String target, ObjectNode args) {}

    public record Result(
            ObservedResult observedResult, Integer rawExitCode, String errno, String message, String errorDetail) {}

    public record Payload(String stdoutSnippet, String stderrSnippet, ObjectNode raw) {}

    public record CapabilityContext(CapabilitySnapshot primary, List<CapabilitySnapshot> secondary) {}

    public record CapabilitySnapshot(String id, String category, String layer) {}
}
