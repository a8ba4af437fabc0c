package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Discovery state shared by the selector resolvers: configuration, catalog, scanned probe roots and the
 * probes seen so far (so that unique ids of probes from any selected root resolve again).
 */
final class FenceDiscovery {

    private final FenceConfiguration config;
    private final CapabilityCatalog catalog;
    private final ProbeParser parser;
    private final Platform platform;
    private final DiscoveryIssueReporter issues;
    private final Map<Path, ProbeRoot> roots = new HashMap<>();
    private final Map<String, ProbeScript> probesById = new HashMap<>();
    private final Set<Path> reported = new java.util.HashSet<>();

    FenceDiscovery(
            FenceConfiguration config, CapabilityCatalog catalog, Platform platform, DiscoveryIssueReporter issues) {
        this.config = config;
        this.catalog = catalog;
        this.parser = new ProbeParser(catalog);
        this.platform = platform;
        this.issues = issues;
    }

    FenceConfiguration config() {
        return config;
    }

    CapabilityCatalog catalog() {
        return catalog;
    }

    Platform platform() {
        return platform;
    }

    /** The probe root for classpath/package selectors and unique ids: configured, else ./probes, else ".". */
    Optional<Path> defaultRoot() {
        if (config.probesRoot().isPresent()) {
            return config.probesRoot();
        }
        for (Path candidate : List.of(Path.of("probes"), Path.of(""))) {
            if (ProbeRoot.looksLikeProbeRoot(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    ProbeRoot root(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return roots.computeIfAbsent(dir, d -> ProbeRoot.scan(d, parser));
    }

    /** The probe in {@code file}, parsed as part of its folder (so duplicate ids are seen). */
    Optional<ProbeScript> probeAt(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (f.getParent() == null || !Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return root(f.getParent()).at(f);
    }

    /** A probe by id: one already discovered, else one in the default root. */
    Optional<ProbeScript> probeById(String id) {
        ProbeScript seen = probesById.get(id);
        if (seen != null) {
            return Optional.of(seen);
        }
        return defaultRoot().flatMap(r -> root(r).find(id));
    }

    void remember(ProbeScript probe) {
        probesById.putIfAbsent(probe.id(), probe);
    }

    /** Capabilities of the catalog that apply here and that no healthy probe of {@code root} exercises here. */
    List<Capability> uncovered(ProbeRoot root) {
        Set<String> covered = new LinkedHashSet<>();
        for (ProbeScript p : root.probes()) {
            if (p.healthy() && p.runsOn(platform)) {
                covered.add(p.primaryCapabilityId());
            }
        }
        return catalog.applicableTo(platform).stream()
                .filter(c -> !covered.contains(c.id()))
                .toList();
    }

    /** Reports a broken probe once, as a warning pointing at the file and line. */
    void reportBroken(ProbeScript probe) {
        if (!reported.add(probe.file())) {
            return;
        }
        int line = probe.issues().stream()
                .mapToInt(i -> i.line())
                .filter(l -> l > 0)
                .findFirst()
                .orElse(1);
        issues.reportIssue(DiscoveryIssue.builder(
                        DiscoveryIssue.Severity.WARNING,
                        "probe " + probe.file().getFileName() + " breaks the probe contract: " + probe.describeIssues())
                .source(FileSource.from(probe.file().toFile(), FilePosition.from(line))));
    }
}
