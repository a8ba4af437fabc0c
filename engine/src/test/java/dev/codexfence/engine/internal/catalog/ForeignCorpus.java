package dev.codexfence.engine.internal.catalog;

import dev.codexfence.engine.internal.run.CodexLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The fixture of issue 17 (src/test/fixtures/foreign-catalogs): a probe corpus written in the style of the
 * original codex-fence, a catalog for it in each foreign shape, and two record-schema descriptors. Shared by
 * the loader, engine and CLI tests.
 */
public final class ForeignCorpus {

    public static final Path DIR = Path.of("../engine/src/test/fixtures/foreign-catalogs")
            .toAbsolutePath()
            .normalize();

    /** The corpus's probe ids, sorted. */
    public static final List<String> PROBES = List.of(
            "fs_read_workspace_readme",
            "fs_symlink_escape_relative_read",
            "fs_workspace_write_create",
            "net_localhost_loopback",
            "proc_exec_toolchain_python3");

    /** The identity records carry with each catalog. */
    public static final String ORIGINAL_IDENTITY = "macOS_codex_v1";

    public static final String WRAPPED_IDENTITY = "fixture.codex-sandbox_v2";

    private ForeignCorpus() {}

    /** The catalog in the original codex-fence's shape (schema_version macOS_codex_v1). */
    public static Path originalCatalog() {
        return DIR.resolve("macos_codex_v1.json");
    }

    /** The catalog in the successor's wrapped shape (schema_version sandbox_catalog_v1). */
    public static Path wrappedCatalog() {
        return DIR.resolve("sandbox_catalog_v1.json");
    }

    /** A record-schema descriptor naming cfbo-v1 (accepted). */
    public static Path cfboDescriptor() {
        return DIR.resolve("boundary_cfbo_v1.json");
    }

    /** A record-schema descriptor naming another record schema (refused). */
    public static Path otherDescriptor() {
        return DIR.resolve("boundary_other.json");
    }

    /**
     * The tree a team moving its probes would have: {@code tree/probes} with the corpus and {@code tree/bin}
     * with copies of codex-fence's helpers (copies, not links: independent of the checkout's place).
     */
    public static Path tree(Path parent) throws IOException {
        Path tree = parent.resolve("legacy-tree");
        Path probes = Files.createDirectories(tree.resolve("probes"));
        try (var files = Files.list(DIR.resolve("probes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, probes.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path bin = Files.createDirectories(tree.resolve("bin"));
        try (var files = Files.list(repositoryRoot().resolve("probe-runtime/src/main/bash"))) {
            for (Path f : files.toList()) {
                Path copy = bin.resolve(f.getFileName().toString());
                Files.copy(f, copy, StandardCopyOption.COPY_ATTRIBUTES);
                copy.toFile().setExecutable(true);
            }
        }
        return tree;
    }

    /** The repository root (Surefire passes -Dfence.root). */
    public static Path repositoryRoot() {
        String root = System.getProperty("fence.root");
        return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }

    /**
     * The codex CLI for the codex-sandbox runs. Where it is missing the calling test is aborted with the
     * reason, except under CI=true, where it must be installed and its absence fails the test.
     */
    public static Path codexOrAbort() {
        Optional<Path> codex = CodexLocator.locate(null, Path.of(""));
        if (codex.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install the codex CLI (bin/install-codex) before the tests");
        }
        Assumptions.assumeTrue(codex.isPresent(), "codex CLI not installed (bin/install-codex)");
        return codex.get();
    }

    /**
     * The outcome each probe reports: every probe succeeds in baseline; under codex-sandbox on Linux
     * (bubblewrap and seccomp, codex 0.169) the workspace, /etc/hosts and python3 stay reachable and only the
     * loopback socket is refused, with EPERM. Elsewhere the codex-sandbox outcome is not pinned (null).
     */
    public static String expectedResult(String probe, String mode) {
        if (mode.equals("baseline")) {
            return "success";
        }
        if (Platform.current().orElse(null) != Platform.LINUX) {
            return null;
        }
        return probe.equals("net_localhost_loopback") ? "denied" : "success";
    }
}
