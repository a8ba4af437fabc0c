package dev.codexfence.engine.internal.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apiguardian.api.API;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the project: snake_case, strict on duplicates and unknown keys. cfbo-v1 records
 * are read and written through {@link dev.codexfence.engine.internal.ndjson.RecordJson}, which adds the record's own JSON form.
 */
@API(status = INTERNAL, since = "0.1")
public final class FenceJson {

    /** Strict mapper for catalogs, expectations, configuration and other JSON files, and for trees of records. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private FenceJson() {}

    /** Reads a JSON resource that ships inside the engine jar under {@code dev/codexfence/}. */
    public static JsonNode bundled(String relativePath) {
        String name = "/dev/codexfence/" + relativePath;
        try (InputStream in = FenceJson.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the engine jar lacks " + name + " (a broken build?)");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + name, e);
        }
    }
}
