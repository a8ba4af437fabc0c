package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/** The platforms a capability or probe can apply to. */
@API(status = INTERNAL, since = "0.1")
public enum Platform {
    LINUX("linux"),
    MACOS("macos");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Platform fromId(String id) {
        for (Platform p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + id + "' (expected linux or macos)");
    }

    /** The platform of this JVM's host, if it is one of ours. */
    public static Optional<Platform> current() {
        return fromOsName(System.getProperty("os.name", ""));
    }

    static Optional<Platform> fromOsName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return Optional.of(LINUX);
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return Optional.of(MACOS);
        }
        return Optional.empty();
    }
}
