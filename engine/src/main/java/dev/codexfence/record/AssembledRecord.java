package dev.codexfence.record;

import tools.jackson.databind.node.ObjectNode;

/**
 * A complete, schema-valid record in its three forms.
 *
 * @param record the typed record
 * @param json the record as a tree, keys in canonical order
 * @param compactJson the record as one line of JSON (an NDJSON line)
 */
public record AssembledRecord(BoundaryObject record, ObjectNode json, String compactJson) {}
