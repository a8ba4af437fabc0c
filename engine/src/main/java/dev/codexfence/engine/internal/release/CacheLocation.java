package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Platform;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where installed codex releases live, per user: {@code $XDG_CACHE_HOME/codex-fence/codex}, else
 * {@code ~/.cache/codex-fence/codex}; on macOS {@code ~/Library/Caches/codex-fence/codex}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CacheLocation {

    private CacheLocation() {}

    /**
     * The folder holding one sub-folder per installed version.
     *
     * @throws IllegalStateException when neither an absolute XDG_CACHE_HOME nor HOME is known
     */
    public static Path codexReleases(Map<String, String> env, Optional<Platform> platform) {
        if (platform.orElse(Platform.LINUX) == Platform.MACOS) {
            return home(env).resolve("Library/Caches/codex-fence/codex");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "codex-fence", "codex");
        }
        return home(env).resolve(".cache/codex-fence/codex");
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        if (home == null || home.isBlank() || !Path.of(home).isAbsolute()) {
            home = System.getProperty("user.home");
        }
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("no HOME: cannot tell where to cache codex releases");
        }
        return Path.of(home);
    }
}
