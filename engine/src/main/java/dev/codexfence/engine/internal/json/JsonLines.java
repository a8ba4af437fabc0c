package dev.codexfence.engine.internal.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.HashMap;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The line on which each value of a JSON text starts, keyed by JSON pointer. Jackson's trees drop
 * locations, so error messages and IDE navigation ask this map instead.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonLines {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Map<String, Integer> lines;

    private JsonLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Indexes {@code text}; an unparsable text yields the lines read before the error. */
    public static JsonLines index(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME || token.isStructEnd()) {
                    continue;
                }
                // a container's start token already lives in the new context: its path is its parent's
                String pointer = token.isStructStart()
                        ? parser.streamReadContext().getParent().pathAsPointer().toString()
                        : parser.streamReadContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            // keep what was read: callers report the parse error separately
        }
        return new JsonLines(lines);
    }

    /** The line of the value at {@code pointer}, or of its nearest indexed ancestor; 0 when unknown. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
