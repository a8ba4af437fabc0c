package dev.codexfence.bench;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.catalog.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A generated probe root of no-op probes: each one calls emit-record once with a success and does nothing
 * else, so running it costs what the harness costs plus one bash and one emit-record. Primary capabilities
 * cycle through the bundled catalog's capabilities for this platform, so a tree of at least that many
 * probes has every capability container a real corpus has and no coverage test.
 */
final class GeneratedProbes {

    private static final String TEMPLATE = """
            #!/usr/bin/env bash
            # Benchmark probe: no operation, one observation.
            set -euo pipefail

            probe_name="%s"
            probe_version="1"
            primary_capability_id="%s"
            probe_platforms="%s"
            probe_tags="bench"

            "$FENCE_BIN/emit-record" \\
              --run-mode "${FENCE_RUN_MODE:-baseline}" \\
              --probe-name "$probe_name" --probe-version "$probe_version" \\
              --primary-capability-id "$primary_capability_id" \\
              --command true --category bench --verb noop --target none \\
              --status success --message "no operation" --raw-exit-code 0
            """;

    private GeneratedProbes() {}

    /** Writes {@code count} probes {@code bench_00001.sh …} into {@code dir} (created) and returns it. */
    static Path write(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        Platform platform = Platform.current().orElse(Platform.LINUX);
        List<String> capabilities = new CatalogLoader().loadBundled().applicableTo(platform).stream()
                .map(Capability::id).toList();
        for (int i = 1; i <= count; i++) {
            String id = String.format("bench_%05d", i);
            Path file = dir.resolve(id + ".sh");
            Files.writeString(file, TEMPLATE.formatted(id, capabilities.get((i - 1) % capabilities.size()), platform.id()),
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    /** Deletes a generated tree (or any scratch folder of a benchmark). */
    static void delete(Path dir) {
        dev.codexfence.engine.internal.run.Workspaces.delete(dir);
    }
}
