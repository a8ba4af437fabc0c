package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * codex-fence's folder in the user's cache directory: {@code $XDG_CACHE_HOME/codex-fence}, else
 * {@code ~/.cache/codex-fence} (Linux and other Unixes), {@code ~/Library/Caches/codex-fence} (macOS). The run's
 * scratch root and the CLI's default output folder live there, outside every root a sandboxed probe may write.
 */
@API(status = INTERNAL, since = "0.1")
public final class CodexFenceCache {

    private CodexFenceCache() {}

    /** The folder for this process's user. */
    public static Path folder() {
        return folder(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", ""));
    }

    /** Where records go when no output folder is configured. */
    public static Path reports() {
        return folder().resolve("reports");
    }

    static Path folder(Map<String, String> env, String osName, String userHome) {
        String home = env.getOrDefault("HOME", "");
        if (home.isBlank() || !home.startsWith("/")) {
            home = userHome;
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return Path.of(home, "Library", "Caches", "codex-fence")
                    .toAbsolutePath()
                    .normalize();
        }
        String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
        if (xdg.startsWith("/")) { // the XDG spec ignores a relative value
            return Path.of(xdg, "codex-fence").normalize();
        }
        return Path.of(home, ".cache", "codex-fence").toAbsolutePath().normalize();
    }
}
