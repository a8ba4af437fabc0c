package dev.codexfence.cli;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.engine.TestTag;

/**
 * Checks {@code --probe} and {@code --cap} against one probe root and catalog. A probe id is a file name in
 * the root, never a path: ids with a slash, {@code ..}, absolute paths and symlinks whose real path leaves
 * the root are refused; unknown ids and capability ids get the nearest known ids as suggestions.
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
            return files.filter(ProbeRoot::isProbeFile)
                    .map(f -> f.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
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
        if (name.startsWith("/")
                || name.contains("/")
                || name.contains("\\")
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('\0') >= 0) {
            throw CliException.usage("refusing probe id \"" + id + "\": a probe id is a file name in the probe root "
                    + root + " (without .sh), not a path");
        }
        if (name.endsWith(".sh")) {
            name = name.substring(0, name.length() - 3);
        }
        Path file = root.resolve(name + ".sh");
        if (!file.normalize().getParent().equals(root)) {
            throw CliException.usage(
                    "refusing probe id \"" + id + "\": it does not name a file directly inside " + root);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.usage(Suggestions.unknown(
                    "probe",
                    name,
                    "probe root " + root,
                    ids(),
                    "no probe id is close (list them with codex-fence list)"));
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
     * The tag that selects the tests of capability {@code capabilityId}: the id itself, which the engine puts on every
     * test of a probe that exercises it (as primary or secondary capability) and on its coverage test. The id must be
     * in the catalog (else the nearest ids are suggested) and be a valid JUnit tag (else no tag filter, Maven's or
     * the CLI's, can select it).
     */
    String capabilityTag(String capabilityId, CapabilityCatalog catalog) {
        String cap = capabilityId.strip();
        if (!catalog.contains(cap)) {
            throw CliException.usage(Suggestions.unknown(
                    "capability",
                    cap,
                    "catalog " + catalog.schemaVersion() + " (" + catalog.source() + ")",
                    catalog.capabilities().stream().map(Capability::id).toList(),
                    "no capability id is close"));
        }
        if (!TestTag.isValid(cap)) {
            throw CliException.usage("capability \"" + cap + "\" is not a valid JUnit tag, so neither --cap nor"
                    + " mvn test -Dgroups can select its tests; name its probes with --probe");
        }
        return cap;
    }
}
