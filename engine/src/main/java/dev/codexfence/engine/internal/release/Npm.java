package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** The npm operations the release cache needs (the real client, or a fake in tests). */
@API(status = INTERNAL, since = "0.1")
public interface Npm {

    /** The package whose releases are codex's. */
    String PACKAGE = "@openai/codex";

    /** Every published version of {@link #PACKAGE} and its dist-tags. */
    Listing list() throws NpmException;

    /** The registry's {@code dist.integrity} (an SRI string) of {@code name@version}. */
    String integrity(String name, String version) throws NpmException;

    /** Installs exactly {@code PACKAGE@version} into {@code prefix} ({@code npm install --prefix}), no scripts run. */
    void install(Path prefix, String version) throws NpmException;

    /** What {@code npm view PACKAGE versions dist-tags} said. */
    record Listing(List<String> versions, Map<String, String> distTags) {
        public Listing {
            versions = List.copyOf(versions);
            distTags = Map.copyOf(distTags);
        }
    }
}
