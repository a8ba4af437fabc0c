package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.files.PrivateFolder;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The folder under which every run keeps its private files (helpers, workspaces, fixtures): by default
 * {@link CodexFenceCache#folder()}, else the configured {@value #KEY}. It must lie outside every root a
 * sandboxed probe may write: codex's workspace profile makes {@code /tmp} and {@code $TMPDIR} writable besides
 * the workspace, so a root under {@code /tmp}, {@code $TMPDIR} (the harness's, or the one probes are given) or
 * {@code java.io.tmpdir} is refused, and so is one that belongs to another user or that group or others may write.
 * Each run gets a folder of its own in it, mode 0700, with a short unpredictable name: workspaces lie one level
 * below, and probes bind AF_UNIX sockets in them (a path of at most 107 bytes on Linux, 103 on macOS).
 */
@API(status = INTERNAL, since = "0.1")
public final class ScratchRoot {

    /** The configuration key (the engine's {@code Constants.SCRATCH_DIR}, the same string). */
    public static final String KEY = "codex-fence.scratch.dir";

    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int NAME_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The longest scratch root a run can start in: the run's AF_UNIX listener lies at
     * {@code ROOT/RUN/outside/listener.sock} (29 bytes more), and a socket path has at most 103 bytes on macOS
     * (107 on Linux). Probes that bind a socket in their workspace need less: see docs/engine.md.
     */
    static final int MAX_ROOT_BYTES = 74;

    private ScratchRoot() {}

    /**
     * Checks the scratch root, making it (0700) when missing.
     *
     * @param configured the configured root, or null for the default
     * @param env the harness's environment
     * @param probeEnvironment the variables added to every probe's environment (a {@code TMPDIR} there counts too)
     */
    public static Path prepare(Path configured, Map<String, String> env, Map<String, String> probeEnvironment)
            throws IOException {
        Path root = (configured != null ? configured : CodexFenceCache.folder())
                .toAbsolutePath()
                .normalize();
        String what =
                "scratch root" + (configured != null ? " (" + KEY + ")" : " (the default; set " + KEY + " to move it)");
        Path real = resolved(root);
        for (Map.Entry<String, Path> temp :
                sandboxWritableTemps(env, probeEnvironment).entrySet()) {
            Path t = resolved(temp.getValue());
            if (real.startsWith(t)) {
                throw new IOException(what + " " + root + " lies in " + temp.getKey() + " (" + temp.getValue()
                        + "), which codex's workspace profile lets sandboxed probes write; set " + KEY
                        + " to a folder outside /tmp, $TMPDIR and java.io.tmpdir (default: " + CodexFenceCache.folder()
                        + ")");
            }
        }
        int bytes = root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_ROOT_BYTES) {
            throw new IOException(what + " " + root + " is " + bytes
                    + " bytes long; the run's AF_UNIX sockets lie below it"
                    + " and a socket path is limited to about 100 bytes: set " + KEY + " to a folder of at most "
                    + MAX_ROOT_BYTES + " bytes (48 or less keeps every probe's socket path within the limit)");
        }
        return PrivateFolder.ensure(root, what);
    }

    /** The temp folders a probe in codex's workspace profile may write, by how they are named in messages. */
    static Map<String, Path> sandboxWritableTemps(Map<String, String> env, Map<String, String> probeEnvironment) {
        Map<String, Path> temps = new LinkedHashMap<>();
        temps.put("/tmp", Path.of("/tmp"));
        absolute(env.get("TMPDIR")).ifPresent(t -> temps.put("$TMPDIR", t));
        absolute(probeEnvironment.get("TMPDIR")).ifPresent(t -> temps.put("the probes' TMPDIR", t));
        absolute(System.getProperty("java.io.tmpdir")).ifPresent(t -> temps.put("java.io.tmpdir", t));
        return temps;
    }

    private static Optional<Path> absolute(String path) {
        return path != null && path.startsWith("/") ? Optional.of(Path.of(path)) : Optional.empty();
    }

    /** {@code path} with symlinks resolved as far as it exists (the rest appended as written). */
    static Path resolved(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    /** Makes the run's own folder in {@code root}: 0700, a fresh name of six random letters and digits. */
    public static Path newRunFolder(Path root) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder name = new StringBuilder(NAME_LENGTH);
            for (int i = 0; i < NAME_LENGTH; i++) {
                name.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
            }
            Path dir = root.resolve(name.toString());
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
                return dir;
            } catch (FileAlreadyExistsException e) {
                // taken at the same moment: another name
            }
        }
        throw new IOException("cannot make a run folder in the scratch root " + root + ": 100 names taken");
    }
}
