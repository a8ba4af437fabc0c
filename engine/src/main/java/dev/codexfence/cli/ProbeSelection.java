package dev.codexfence.cli;

import dev.codexfence.catalog.Capability;
import dev.codexfence.catalog.CapabilityCatalog;
import dev.codexfence.probe.ProbeParser;
import dev.codexfence.probe.ProbeRoot;
import dev.codexfence.probe.ProbeScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Turns {@code --probe} and {@code --cap} into probe files of one probe root. A probe id is a file name in
 * the root, never a path: ids with a slash, {@code ..}, absolute paths and symlinks whose real path leaves
 * the root are refused; unknown ids get the nearest known ids as suggestions.
 */
final class ProbeSelection {

    private final Path root;

    /** @param root the probe root, absolute and normalised */
    ProbeSelection(Path root) {
        this.root = root;
    }

    /** The ids of the probe root: every {@code *.sh} directly inside it, without the extension, sorted. */
    List<String> ids() {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(ProbeRoot::isProbeFile).map(f -> f.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw CliException.usage("cannot list probe root " + root + ": " + e.getMessage());
        }
    }

    /** The file of probe {@code id}, checked to be a probe file inside the root. */
    Path probeFile(String id) {
        String name = id.strip();
        if (name.isEmpty()) {
            throw CliException.usage("empty probe id");
        }
        if (name.startsWith("/") || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.indexOf('\0') >= 0) {
            throw CliException.usage("refusing probe id \"" + id + "\": a probe id is a file name in the probe root "
                    + root + " (without .sh), not a path");
        }
        if (name.endsWith(".sh")) {
            name = name.substring(0, name.length() - 3);
        }
        Path file = root.resolve(name + ".sh");
        if (!file.normalize().getParent().equals(root)) {
            throw CliException.usage("refusing probe id \"" + id + "\": it does not name a file directly inside " + root);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.usage(Suggestions.unknown("probe", name, "probe root " + root, ids(),
                    "no probe id is close (list them with --bang --list)"));
        }
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
            real = file.toRealPath();
        } catch (IOException e) {
            throw CliException.usage("refusing probe \"" + name + "\": " + file + " cannot be resolved ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); a dangling symlink?");
        }
        if (!real.startsWith(realRoot)) {
            throw CliException.usage("refusing probe \"" + name + "\": " + file + " is a symlink to " + real
                    + ", outside the probe root " + realRoot);
        }
        if (!Files.isRegularFile(real)) {
            throw CliException.usage("refusing probe \"" + name + "\": " + file + " is not a regular file");
        }
        return file;
    }

    /**
     * The probe files whose primary capability is {@code capabilityId}.
     *
     * @param catalog loaded on demand; the capability must be in it
     */
    List<Path> probesOf(String capabilityId, Supplier<CapabilityCatalog> catalog) {
        String cap = capabilityId.strip();
        CapabilityCatalog c = catalog.get();
        if (!c.contains(cap)) {
            throw CliException.usage(Suggestions.unknown("capability", cap,
                    "catalog " + c.schemaVersion() + " (" + c.source() + ")",
                    c.capabilities().stream().map(Capability::id).toList(), "no capability id is close"));
        }
        ProbeRoot scanned;
        try {
            scanned = ProbeRoot.scan(root, new ProbeParser(c));
        } catch (RuntimeException e) {
            throw CliException.usage("cannot scan probe root " + root + ": " + e.getMessage());
        }
        List<Path> files = new ArrayList<>();
        for (ProbeScript p : scanned.probes()) {
            if (cap.equals(p.primaryCapabilityId())) {
                files.add(p.file());
            }
        }
        if (files.isEmpty()) {
            throw CliException.usage("no probe in " + root + " has primary capability " + cap
                    + " (nothing to rattle; --bang reports such capabilities as coverage gaps)");
        }
        return files;
    }

    /** Probe files for all {@code --probe} and {@code --cap} values, without duplicates, in command-line order. */
    Set<Path> select(List<String> probeIds, List<String> capabilityIds, Supplier<CapabilityCatalog> catalog) {
        Set<Path> files = new LinkedHashSet<>();
        for (String id : probeIds) {
            files.add(probeFile(id));
        }
        for (String cap : capabilityIds) {
            files.addAll(probesOf(cap, catalog));
        }
        return files;
    }
}
