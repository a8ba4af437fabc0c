package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How codex-fence starts an installed codex CLI: the native binary inside the npm package, with what the
 * package's Node launcher would have done to the environment (see {@link NpmLauncher}), or that launcher itself
 * when the binary cannot be found or the launcher does something not reproduced here.
 *
 * @param launcher the codex command as installed (e.g. {@code node_modules/.bin/codex})
 * @param program what is executed: the native binary, or {@code launcher}
 * @param set variables set for the program (after {@code unset})
 * @param unset variables removed from the environment
 * @param pathPrefix folders put in front of PATH; null when PATH is left alone
 * @param note how this was decided, for messages and docs
 */
@API(status = INTERNAL, since = "0.1")
public record CodexLauncher(
        Path launcher, Path program, Map<String, String> set, Set<String> unset, List<String> pathPrefix, String note) {

    public CodexLauncher {
        set = Map.copyOf(set);
        unset = Set.copyOf(unset);
        pathPrefix = pathPrefix == null ? null : List.copyOf(pathPrefix);
    }

    /** Runs {@code executable} as it is, environment untouched. */
    public static CodexLauncher asInstalled(Path executable, String note) {
        return new CodexLauncher(executable, executable, Map.of(), Set.of(), null, note);
    }

    /** Whether the native binary runs without the Node launcher. */
    public boolean direct() {
        return !program.equals(launcher);
    }

    /** The environment the program gets when codex-fence would have started {@code launcher} with {@code base}. */
    public Map<String, String> environment(Map<String, String> base) {
        if (!direct()) {
            return base;
        }
        Map<String, String> env = new LinkedHashMap<>(base);
        unset.forEach(env::remove);
        env.putAll(set);
        if (pathPrefix != null) {
            List<String> parts = new ArrayList<>(pathPrefix);
            String path = base.get("PATH");
            if (path != null) {
                for (String p : path.split(File.pathSeparator)) {
                    if (!p.isEmpty()) {
                        parts.add(p); // the launcher drops empty PATH entries (split(sep).filter(Boolean))
                    }
                }
            }
            env.put("PATH", String.join(File.pathSeparator, parts));
        }
        return env;
    }
}
