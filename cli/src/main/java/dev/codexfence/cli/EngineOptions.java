package dev.codexfence.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that decide what the engine discovers and how it is configured: the probe root, the catalog, the
 * modes, the codex CLI or releases, the shard and any configuration key. A picocli mixin of bang, rattle and list;
 * {@link RunSetup} turns them into the engine's configuration.
 */
final class EngineOptions {

    @Option(
            names = "--probes",
            paramLabel = "DIR",
            description = "Probe root (default: $CODEX_FENCE_PROBES, else the install's probes folder,"
                    + " else the folder probes in the working directory).")
    Path probesDir;

    @Option(
            names = {"-m", "--mode"},
            paramLabel = "MODE",
            split = ",",
            description = "A run mode (repeatable; default: $MODES, else baseline, codex-sandbox, codex-full):"
                    + " the engine's configuration key codex-fence.modes, which decides the mode nodes discovered."
                    + " Known: baseline, codex-sandbox, codex-full, codex-read-only, codex-workspace-net.")
    List<String> modes = new ArrayList<>();

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description = "Capability catalog (default: $CODEX_FENCE_CATALOG, else the catalog bundled in the engine):"
                    + " codex-fence's own format, or a catalog of the original codex-fence (schema_version"
                    + " macOS_codex_v1) or of its successor (sandbox_catalog_v1). Records carry its identity"
                    + " (schema_version; catalog.key for sandbox_catalog_v1) as capabilities_schema_version.")
    Path catalog;

    @Option(
            names = "--boundary",
            paramLabel = "FILE",
            description = "A record-schema descriptor as the original's successor takes it (default:"
                    + " $CODEX_FENCE_BOUNDARY). Accepted only when its key is cfbo-v1; records stay codex-fence's"
                    + " cfbo-v1 records either way.")
    Path boundary;

    @Option(names = "--codex", paramLabel = "PATH", description = "The codex CLI for codex modes.")
    Path codex;

    @Option(
            names = "--codex-version",
            paramLabel = "V",
            split = ",",
            description = "A codex release for the codex modes, installed on demand from npm into the per-user cache"
                    + " (repeatable): 0.169.0, latest, a range 0.80.0..0.171.0 or 0.80.0..latest, or a sampled range"
                    + " 0.80.0..0.171.0/8 (8 releases evenly spaced, both ends included). Not with --codex."
                    + " With several releases, each runs the codex modes under a node of its own; baseline runs once.")
    List<String> codexVersions = new ArrayList<>();

    @Option(
            names = "--shard",
            paramLabel = "K/N",
            description = "Part K of N of the discovered tests (codex release x"
                    + " probe x mode, coverage) sorted by unique id, every Nth from the Kth: disjoint parts that cover the"
                    + " probe root's matrix and differ in size by at most one, so N CI jobs running 1/N .. N/N run it all."
                    + " A --cap or --tag filters each part afterwards, as Maven's -Dgroups does.")
    String shard;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "KEY=VALUE",
            description = "Any engine configuration parameter (repeatable), for example"
                    + " -c codex-fence.coverage.missing=skip to skip capabilities that have no probe."
                    + " An unknown codex-fence.* key is a usage error.")
    Map<String, String> config = new LinkedHashMap<>();
}
