package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * Which build this is, and which codex release the project is pinned to. The build's version is the
 * {@code Implementation-Version} of the jar this class was loaded from (the parent POM puts it in every module's
 * manifest); running from compiled classes without a jar (an IDE, {@code target/classes}) there is no manifest, and
 * the version is {@value #DEVELOPMENT}. The pinned codex release comes from the POM's {@code codex.pinned.version},
 * filtered into {@code codex-fence-version.properties} at build time; {@code bin/install-codex} reads the same
 * property, so the two cannot disagree.
 */
@API(status = INTERNAL, since = "0.1")
public final class CodexFenceVersion {

    /** The version of a build that runs from classes, not from a jar. */
    public static final String DEVELOPMENT = "DEVELOPMENT";

    static final String RESOURCE = "codex-fence-version.properties";
    static final String PINNED_KEY = "codex.pinned.version";

    private CodexFenceVersion() {}

    /** The jar's {@code Implementation-Version}, else {@value #DEVELOPMENT}. */
    public static String implementation() {
        String version = CodexFenceVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version;
    }

    /** The codex CLI release {@code bin/install-codex} installs into {@code .tools/codex}, e.g. {@code 0.169.0}. */
    public static String pinnedCodex() {
        Properties properties = new Properties();
        try (InputStream in = CodexFenceVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the engine's classes: build it with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        String pinned = properties.getProperty(PINNED_KEY, "");
        if (pinned.isBlank() || pinned.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no " + PINNED_KEY + " (got \"" + pinned
                    + "\"): the resource was not filtered by Maven");
        }
        return pinned.strip();
    }
}
