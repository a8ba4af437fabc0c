package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.mode.CodexLauncher;
import dev.codexfence.engine.internal.mode.NpmLauncher;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs codex releases from npm into the per-user cache, one folder per version, and finds them again
 * without npm. An install is checked against the registry's integrity data: the {@code integrity} that npm wrote
 * into the install's {@code package-lock.json} for {@code @openai/codex} and for the platform package it
 * installed must equal {@code dist.integrity} of the same name and version as the registry reports it; a mismatch
 * is refused. Two installs of one version at once (threads or processes) are safe: a per-version lock file, the
 * install goes to a temporary sibling folder and is renamed into place atomically; the second waits and reuses
 * the first one's result.
 */
@API(status = INTERNAL, since = "0.1")
public final class CodexInstaller {

    /** The file in an install folder recording what was checked; an install without it is not used. */
    public static final String MARKER = "codex-fence-install.json";

    private static final String LOCKS = ".locks";
    private static final String STAGING = ".staging-";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, String> DIGESTS = new ConcurrentHashMap<>();

    private final Npm npm;
    private final Path directory;
    private final Duration lockWait;
    private final Clock clock;

    /**
     * @param directory the cache folder (one sub-folder per version)
     * @param lockWait how long to wait for another install of the same version before giving up
     */
    public CodexInstaller(Npm npm, Path directory, Duration lockWait, Clock clock) {
        this.npm = npm;
        this.directory = directory;
        this.lockWait = lockWait;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** The npm launcher of an install folder. */
    public static Path launcher(Path install) {
        return install.resolve("node_modules/.bin/codex");
    }

    /** The checked install of {@code version}, if there is one (no npm, no lock: works offline). */
    public Optional<Path> installed(ReleaseVersion version) {
        Path target = directory.resolve(version.text());
        return verified(target, version) ? Optional.of(target) : Optional.empty();
    }

    /**
     * The install of {@code version}: the cached one, else a new one from npm.
     *
     * @param progress told when this call waits for another install or runs npm
     */
    public Path install(ReleaseVersion version, Consumer<String> progress) throws InstallException {
        Optional<Path> ready = installed(version);
        if (ready.isPresent()) {
            return ready.get();
        }
        try {
            Files.createDirectories(directory.resolve(LOCKS));
        } catch (IOException e) {
            throw new InstallException("cannot create the codex cache " + directory + ": " + e.getMessage());
        }
        Path lockFile = directory.resolve(LOCKS).resolve(version.text() + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        long deadline = System.nanoTime() + lockWait.toNanos();
        try {
            if (!local.tryLock()) {
                progress.accept("waiting for another install of codex " + version + " in this process");
                if (!local.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InstallException(waited(version, lockFile));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while waiting to install codex " + version);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                progress.accept("waiting for another codex-fence installing codex " + version + " (" + lockFile + ")");
                while (lock == null) {
                    if (System.nanoTime() > deadline) {
                        throw new InstallException(waited(version, lockFile));
                    }
                    Thread.sleep(100);
                    lock = channel.tryLock();
                }
            }
            try {
                Optional<Path> done = installed(version); // the other install may have finished meanwhile
                if (done.isPresent()) {
                    return done.get();
                }
                return installLocked(version, progress);
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new InstallException("cannot lock " + lockFile + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException("interrupted while waiting to install codex " + version);
        } finally {
            local.unlock();
        }
    }

    private String waited(ReleaseVersion version, Path lockFile) {
        return "another install of codex " + version + " held " + lockFile + " for more than " + lockWait.toSeconds()
                + " s; try again when it has finished";
    }

    private Path installLocked(ReleaseVersion version, Consumer<String> progress) throws InstallException {
        Path target = directory.resolve(version.text());
        Path staging;
        try {
            if (Files.exists(target)) { // unchecked leftovers (no marker, a changed lock file or executable): replaced
                progress.accept("the install of codex " + version + " in " + target + " does not match what was checked"
                        + " when it was installed; installing it again");
                Path aside = Files.createTempDirectory(directory, STAGING + version.text() + "-old-");
                Files.move(target, aside.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
                delete(aside);
            }
            staging = Files.createTempDirectory(directory, STAGING + version.text() + "-");
        } catch (IOException e) {
            throw new InstallException("cannot prepare " + target + ": " + e.getMessage());
        }
        try {
            progress.accept("installing " + Npm.PACKAGE + "@" + version + " from npm into " + target);
            try {
                npm.install(staging, version.text());
            } catch (NpmException e) {
                throw new InstallException(
                        "npm could not install " + Npm.PACKAGE + "@" + version + ": " + e.getMessage());
            }
            List<Checked> checked = checkIntegrity(staging, version);
            writeMarker(staging, version, checked);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new InstallException(
                        "cannot move the install of codex " + version + " into " + target + ": " + e.getMessage());
            }
            if (!verified(target, version)) {
                throw new InstallException("the install of codex " + version + " in " + target + " does not check out");
            }
            return target;
        } finally {
            delete(staging);
        }
    }

    /** One package of an install whose integrity was compared with the registry's. */
    record Checked(String lockKey, String name, String version, String integrity) {}

    private List<Checked> checkIntegrity(Path install, ReleaseVersion version) throws InstallException {
        Map<String, JsonNode> packages = lockPackages(install)
                .orElseThrow(
                        () -> new InstallException("npm wrote no readable package-lock.json for codex " + version));
        JsonNode main = packages.get("node_modules/" + Npm.PACKAGE);
        if (main == null || !version.text().equals(text(main, "version"))) {
            throw new InstallException(
                    "npm installed " + (main == null ? "no " + Npm.PACKAGE : Npm.PACKAGE + "@" + text(main, "version"))
                            + " where " + version + " was asked for");
        }
        List<Checked> checked = new ArrayList<>();
        for (var e : packages.entrySet()) {
            String key = e.getKey();
            JsonNode entry = e.getValue();
            if (!key.startsWith("node_modules/")) {
                continue; // the install folder itself
            }
            String name = entry.has("name") ? text(entry, "name") : key.substring("node_modules/".length());
            boolean codexPackage = key.equals("node_modules/" + Npm.PACKAGE)
                    || key.startsWith("node_modules/@openai/codex-")
                    || Npm.PACKAGE.equals(name);
            if (!codexPackage
                    || !key.startsWith("node_modules/")
                    || key.indexOf("/node_modules/", 1) >= 0
                    || !Files.isDirectory(install.resolve(key))) {
                continue; // another platform's optional package (not installed), or not codex's own
            }
            String lockIntegrity = text(entry, "integrity");
            String pkgVersion = text(entry, "version");
            if (lockIntegrity == null || pkgVersion == null) {
                throw new InstallException("package-lock.json of codex " + version + " has no integrity for " + key);
            }
            String registry;
            try {
                registry = npm.integrity(name, pkgVersion);
            } catch (NpmException failure) {
                throw new InstallException(
                        "cannot check the integrity of " + name + "@" + pkgVersion + ": " + failure.getMessage());
            }
            if (!sameIntegrity(lockIntegrity, registry)) {
                throw new InstallException(
                        "integrity mismatch for " + name + "@" + pkgVersion + " (" + key + "): the install's"
                                + " package-lock.json has " + lockIntegrity + " but the registry says " + registry
                                + "; refusing this install of codex " + version);
            }
            checked.add(new Checked(key, name, pkgVersion, lockIntegrity));
        }
        return checked;
    }

    /** SRI strings are equal when they share a hash (a registry may list several algorithms). */
    static boolean sameIntegrity(String a, String b) {
        List<String> x = List.of(a.strip().split("\\s+"));
        for (String h : b.strip().split("\\s+")) {
            if (!h.isEmpty() && x.contains(h)) {
                return true;
            }
        }
        return false;
    }

    private void writeMarker(Path install, ReleaseVersion version, List<Checked> checked) throws InstallException {
        ObjectNode node = FenceJson.MAPPER.createObjectNode();
        node.put("package", Npm.PACKAGE);
        node.put("version", version.text());
        node.put("installed_at", clock.instant().toString());
        var list = node.putArray("integrity_checked");
        for (Checked c : checked) {
            list.addObject()
                    .put("lock_key", c.lockKey())
                    .put("name", c.name())
                    .put("version", c.version())
                    .put("integrity", c.integrity());
        }
        var files = node.putArray("executables_sha256");
        for (Path rel : executables(install)) {
            try {
                files.addObject().put("path", rel.toString()).put("sha256", sha256(install.resolve(rel)));
            } catch (IOException e) {
                throw new InstallException("cannot read " + install.resolve(rel) + ": " + e.getMessage());
            }
        }
        try {
            Files.writeString(install.resolve(MARKER), FenceJson.MAPPER.writeValueAsString(node) + "\n");
        } catch (IOException | JacksonException e) {
            throw new InstallException("cannot write " + install.resolve(MARKER) + ": " + e.getMessage());
        }
    }

    /** An install folder whose marker names this version and whose lock file still has the checked integrity. */
    private static boolean verified(Path install, ReleaseVersion version) {
        Path marker = install.resolve(MARKER);
        if (!Files.isRegularFile(marker) || !Files.isRegularFile(launcher(install))) {
            return false;
        }
        try {
            JsonNode m = FenceJson.MAPPER.readTree(marker.toFile());
            if (!version.text().equals(text(m, "version"))) {
                return false;
            }
            Map<String, JsonNode> packages = lockPackages(install).orElse(Map.of());
            JsonNode list = m.get("integrity_checked");
            if (list == null || !list.isArray() || list.isEmpty()) {
                return false;
            }
            for (JsonNode c : list) {
                JsonNode entry = packages.get(text(c, "lock_key"));
                if (entry == null || !String.valueOf(text(c, "integrity")).equals(text(entry, "integrity"))) {
                    return false;
                }
            }
            JsonNode files = m.get("executables_sha256");
            if (files == null || !files.isArray() || files.isEmpty()) {
                return false;
            }
            for (JsonNode f : files) {
                Path file = install.resolve(text(f, "path")).normalize();
                if (!file.startsWith(install)
                        || !String.valueOf(text(f, "sha256")).equals(sha256(file))) {
                    return false; // changed since it was installed and checked: installed again
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The files a run executes from an install, relative to it: the npm launcher's script and the native binary it
     * starts (what {@link NpmLauncher} finds). Their SHA-256 at install time is in the marker and checked on every
     * reuse, so that an install changed afterwards (a probe in baseline or codex-full has the user's rights over the
     * cache) is never run as if it were the checked one.
     */
    static List<Path> executables(Path install) {
        List<Path> out = new ArrayList<>();
        try {
            Path root = install.toRealPath();
            Path launcher = launcher(install);
            out.add(root.relativize(launcher.toRealPath()));
            CodexLauncher l = NpmLauncher.resolve(launcher, Map.of());
            if (l.direct()) {
                out.add(root.relativize(l.program().toRealPath()));
            }
        } catch (IOException | IllegalArgumentException e) {
            // no launcher: the install does not check out anyway
        }
        return out;
    }

    /** SHA-256 of a file, remembered per path, size and modification time for this process. */
    private static String sha256(Path file) throws IOException {
        var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        String key = file.toRealPath() + "|" + attrs.size() + "|"
                + attrs.lastModifiedTime().toMillis() + "|" + attrs.fileKey();
        String known = DIGESTS.get(key);
        if (known != null) {
            return known;
        }
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String hex = java.util.HexFormat.of().formatHex(digest.digest());
        DIGESTS.put(key, hex);
        return hex;
    }

    private static Optional<Map<String, JsonNode>> lockPackages(Path install) {
        Path lock = install.resolve("package-lock.json");
        if (!Files.isRegularFile(lock)) {
            return Optional.empty();
        }
        try {
            JsonNode packages = FenceJson.MAPPER.readTree(lock.toFile()).get("packages");
            if (packages == null || !packages.isObject()) {
                return Optional.empty();
            }
            Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
            for (var e : packages.properties()) {
                map.put(e.getKey(), e.getValue());
            }
            return Optional.of(map);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover staging folder is ignored by every later run (dot-prefixed)
        }
    }
}
