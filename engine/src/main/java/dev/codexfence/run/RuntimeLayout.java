package dev.codexfence.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Lays out the probe-side helpers (emit-record and friends) that probes find through {@code FENCE_BIN}. */
public final class RuntimeLayout {

    /** The helpers, by file name: the probe-runtime contract (probe-runtime/README.md). */
    public static final List<String> HELPERS =
            List.of("emit-record", "detect-stack", "portable-path", "json-extract", "probe-lib.sh");

    private static final String RESOURCE_DIR = "/dev/codexfence/runtime/bin/";

    private RuntimeLayout() {}

    /** Copies the helpers bundled in the probe-runtime jar into {@code dir} (created), executable. */
    public static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : HELPERS) {
            try (InputStream in = RuntimeLayout.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("the probe runtime lacks " + RESOURCE_DIR + name
                            + " (is codex-fence-probe-runtime on the classpath?)");
                }
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
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
