package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The probe-side helpers (emit-record and friends) that probes find through {@code FENCE_BIN}: read from the
 * probe-runtime jar or from a configured folder. A run installs its own private copy ({@link HelperGuard}).
 */
@API(status = INTERNAL, since = "0.1")
public final class RuntimeLayout {

    /** The helpers, by file name: the probe-runtime contract (probe-runtime/README.md). */
    public static final List<String> HELPERS =
            List.of("emit-record", "detect-stack", "portable-path", "json-extract", "probe-lib.sh");

    /** A helper larger than this is not one of ours. */
    private static final long MAX_HELPER_BYTES = 1 << 20;

    private static final String RESOURCE_DIR = "/dev/codexfence/runtime/bin/";

    private RuntimeLayout() {}

    /** The helpers bundled in the probe-runtime jar, by name, in {@link #HELPERS} order. */
    public static Map<String, byte[]> bundled() throws IOException {
        Map<String, byte[]> helpers = new LinkedHashMap<>();
        for (String name : HELPERS) {
            try (InputStream in = RuntimeLayout.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("the probe runtime lacks " + RESOURCE_DIR + name
                            + " (is codex-fence-probe-runtime on the classpath?)");
                }
                helpers.put(name, in.readAllBytes());
            }
        }
        return helpers;
    }

    /** The helpers of a configured folder ({@link #verify} first), by name, in {@link #HELPERS} order. */
    public static Map<String, byte[]> read(Path dir) throws IOException {
        verify(dir);
        Map<String, byte[]> helpers = new LinkedHashMap<>();
        for (String name : HELPERS) {
            Path helper = dir.resolve(name);
            if (Files.size(helper) > MAX_HELPER_BYTES) {
                throw new IOException("runtime helper " + helper + " is larger than " + MAX_HELPER_BYTES + " bytes");
            }
            helpers.put(name, Files.readAllBytes(helper));
        }
        return helpers;
    }

    /** Copies the helpers bundled in the probe-runtime jar into {@code dir} (created), executable. */
    public static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : bundled().entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.copy(new java.io.ByteArrayInputStream(e.getValue()), target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    /** Checks that a configured helper folder holds every helper, executable. */
    public static Path verify(Path dir) throws IOException {
        for (String name : HELPERS) {
            Path helper = dir.resolve(name);
            if (!Files.isRegularFile(helper)) {
                throw new IOException("runtime folder " + dir + " lacks " + name);
            }
            if (!name.endsWith(".sh") && !Files.isExecutable(helper)) {
                throw new IOException("runtime helper " + helper + " is not executable");
            }
        }
        return dir;
    }
}
