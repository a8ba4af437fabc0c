package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.record.ContractViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folders a probe may leave its one declared scratch entry in (probes/README.md, "Host-side effects"),
 * resolved before the probe starts, and the lexical rules a declared {@code host_effect_path} must pass before
 * the harness looks at the host at all. Nothing here touches the declared path itself: a path that breaks a
 * rule is refused without being looked at, let alone removed.
 *
 * <p>An entry may sit directly in one of these roots, or anywhere below the run's workspace (reached without
 * symlinks, which {@link ScratchEntry} checks). Each root is known by the path the probe sees (its environment
 * value, or the fixed path) and by its real path at the check, and is pinned by its identity (device and inode,
 * one stat each) before the probe starts: so a root that is itself a link made by the system (macOS
 * {@code /tmp -> /private/tmp}, {@code $TMPDIR} under {@code /var}) still works, while a root the probe replaces
 * during its run (say a {@code $TMPDIR} under /tmp swapped for a link) no longer has that identity and is refused.
 */
final class ScratchRoots {

    /** Folders the corpus writes one scratch file directly into, beside the ones named by the environment. */
    static final List<String> FIXED = List.of("/tmp", "/var/tmp", "/dev/shm", "/", "/etc", "/usr/local");

    /** The prefix every declared entry's name starts with: {@code .codex-fence-<probe id>-}. */
    static String prefix(String probeId) {
        return ".codex-fence-" + probeId + "-";
    }

    /**
     * One allowed folder.
     *
     * @param label how the rules name it ({@code $HOME}, {@code /tmp}, {@code the workspace}, …)
     * @param given the path as the probe sees it
     * @param fileKey the folder's identity (device, inode) when the probe started, or null when there was no
     *        folder there
     */
    record Root(String label, Path given, Object fileKey) {

        /** Its real path now, or null when there is no folder; {@link ScratchEntry} checks the identity. */
        Path realNow() {
            try {
                return given.toRealPath();
            } catch (IOException | SecurityException e) {
                return null;
            }
        }

        /** {@code folder} relative to {@code base}, when it lies strictly below it; else null. */
        static Path below(Path folder, Path base) {
            return base != null && folder.startsWith(base) && !folder.equals(base) ? base.relativize(folder) : null;
        }
    }

    /**
     * Where a declared entry lies: its root (and the root's real path when the check began, null when there is
     * no folder), the folders between the root and the entry (only below the workspace), and its name.
     */
    record Placement(String declared, Root root, Path rootReal, List<String> folders, String name) {

        /** The entry's path through the root's real path (null when the root is missing). */
        Path realPath() {
            if (rootReal == null) {
                return null;
            }
            Path p = rootReal;
            for (String f : folders) {
                p = p.resolve(f);
            }
            return p.resolve(name);
        }
    }

    private final Root workspace;
    private final List<Root> roots;

    private ScratchRoots(Root workspace, List<Root> roots) {
        this.workspace = workspace;
        this.roots = roots;
    }

    /**
     * Pins the roots of one probe run: its workspace, {@code $HOME} and {@code $TMPDIR} from the probe's
     * environment, the fixtures' outside folder and {@link #FIXED}.
     */
    static ScratchRoots resolve(Path workspace, Map<String, String> probeEnv, Path outsideDir) {
        List<Root> roots = new ArrayList<>();
        add(roots, "$HOME", probeEnv.get("HOME"));
        add(roots, "$TMPDIR", probeEnv.get("TMPDIR"));
        add(roots, "$FENCE_OUTSIDE_DIR", outsideDir == null ? null : outsideDir.toString());
        for (String fixed : FIXED) {
            add(roots, fixed, fixed);
        }
        Root ws = root("the workspace", workspace.toString());
        if (ws == null) {
            throw new IllegalArgumentException("the workspace " + workspace + " is not an absolute path");
        }
        return new ScratchRoots(ws, List.copyOf(roots));
    }

    private static void add(List<Root> roots, String label, String value) {
        Root r = root(label, value);
        if (r != null) {
            roots.add(r);
        }
    }

    /** The root named by {@code value}, pinned by its identity now (one stat); null for no absolute path. */
    private static Root root(String label, String value) {
        if (value == null || value.isBlank() || !value.startsWith("/")) {
            return null;
        }
        Path given;
        try {
            given = Path.of(value).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(given, BasicFileAttributes.class);
            if (a.isDirectory()) {
                return new Root(label, given, a.fileKey());
            }
        } catch (IOException | SecurityException e) {
            // no folder there (or none we may see): entries declared in it are absent
        }
        return new Root(label, given, null);
    }

    Root workspace() {
        return workspace;
    }

    List<Root> roots() {
        return roots;
    }

    /** The labels of every root, for messages. */
    String describe() {
        StringBuilder sb = new StringBuilder("a folder inside the workspace");
        List<String> seen = new ArrayList<>();
        for (Root r : roots) {
            if (!seen.contains(r.label())) {
                seen.add(r.label());
                sb.append(", ").append(r.label());
            }
        }
        return sb.toString();
    }

    /**
     * Checks the lexical rules of a declared path and finds its root.
     *
     * @throws ContractViolation naming the rule the path breaks
     */
    Placement place(String declared, String probeId) throws ContractViolation {
        String key = "payload.raw." + HostEffects.PATH_KEY + " \"" + declared + "\"";
        if (!declared.startsWith("/")) {
            throw new ContractViolation(key + " is not an absolute path; the harness resolves no relative path"
                    + " (rule: an absolute path, probes/README.md \"Host-side effects\")");
        }
        String[] segments = declared.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new ContractViolation(key + " is not normalised (an empty segment: a doubled or trailing '/')"
                        + " (rule: a normalised absolute path)");
            }
            if (s.equals(".") || s.equals("..")) {
                throw new ContractViolation(
                        key + " has a '" + s + "' segment (rule: a normalised absolute path," + " no '.' or '..')");
            }
            if (s.indexOf('\0') >= 0) {
                throw new ContractViolation(key + " contains a NUL character (rule: a normalised absolute path)");
            }
        }
        String name = segments[segments.length - 1];
        String prefix = prefix(probeId);
        if (!name.startsWith(prefix)) {
            throw new ContractViolation(key + ": the name \"" + name + "\" does not start with \"" + prefix
                    + "\" (rule: the harness checks and removes only the probe's own scratch name,"
                    + " .codex-fence-<probe id>-…)");
        }
        Path folder;
        try {
            folder = Path.of("/" + String.join("/", java.util.Arrays.copyOf(segments, segments.length - 1)));
        } catch (InvalidPathException e) {
            throw new ContractViolation(key + " is not a valid path: " + e.getReason());
        }
        if (folder.equals(workspace.given())) {
            return new Placement(declared, workspace, workspace.realNow(), List.of(), name);
        }
        for (Root r : roots) {
            if (folder.equals(r.given())) {
                return new Placement(declared, r, r.realNow(), List.of(), name);
            }
        }
        // by real path: a root known to the probe through a link (macOS /tmp -> /private/tmp)
        for (Root r : roots) {
            Path real = r.realNow();
            if (folder.equals(real)) {
                return new Placement(declared, r, real, List.of(), name);
            }
        }
        Path wsReal = workspace.realNow();
        for (Path base : java.util.Arrays.asList(workspace.given(), wsReal)) {
            Path below = Root.below(folder, base);
            if (base != null && (below != null || folder.equals(base))) {
                List<String> folders = new ArrayList<>();
                if (below != null) {
                    below.forEach(p -> folders.add(p.toString()));
                }
                return new Placement(declared, workspace, wsReal, List.copyOf(folders), name);
            }
        }
        throw new ContractViolation(key + " lies in " + folder + ", which is not a scratch root (rule: the entry"
                + " lies directly in one of: " + describe() + ")");
    }
}
