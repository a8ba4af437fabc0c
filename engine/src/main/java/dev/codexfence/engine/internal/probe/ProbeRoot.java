package dev.codexfence.engine.internal.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/** A flat folder of probes: every {@code *.sh} directly inside it, parsed, in file-name order. */
@API(status = INTERNAL, since = "0.1")
public final class ProbeRoot {

    private final Path directory;
    private final List<ProbeScript> probes;
    private final Map<Path, ProbeScript> byFile = new HashMap<>();

    public ProbeRoot(Path directory, List<ProbeScript> probes) {
        this.directory = directory;
        this.probes = List.copyOf(probes);
        for (ProbeScript p : this.probes) {
            byFile.put(p.file(), p);
        }
    }

    public Path directory() {
        return directory;
    }

    public List<ProbeScript> probes() {
        return probes;
    }

    /** Whether {@code directory} holds at least one {@code *.sh} file. */
    public static boolean looksLikeProbeRoot(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(ProbeRoot::isProbeFile);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code name} is a bare file name: no separator, not {@code .} or {@code ..}, no NUL. */
    public static boolean isPlainFileName(String name) {
        return !name.isEmpty()
                && !name.equals(".")
                && !name.equals("..")
                && name.indexOf('/') < 0
                && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }

    public static boolean isProbeFile(Path file) {
        return file.getFileName().toString().endsWith(".sh") && !Files.isDirectory(file);
    }

    /** Scans and parses a probe root; duplicate declared names are flagged on every file that shares one. */
    public static ProbeRoot scan(Path directory, ProbeParser parser) {
        Path dir = directory.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(ProbeRoot::isProbeFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list probe root " + dir, e);
        }
        List<ProbeScript> parsed = new ArrayList<>();
        for (Path f : files) {
            parsed.add(parser.parse(dir, f));
        }
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            String name = parsed.get(i).declaredName();
            if (name != null) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> e : byName.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            // the file whose name is the id keeps it; the others took an id that is not theirs
            boolean owned =
                    e.getValue().stream().anyMatch(i -> parsed.get(i).id().equals(e.getKey()));
            List<String> names = e.getValue().stream()
                    .map(i -> parsed.get(i).file().getFileName().toString())
                    .toList();
            for (int i : e.getValue()) {
                if (!owned || !parsed.get(i).id().equals(e.getKey())) {
                    parsed.set(
                            i,
                            parsed.get(i)
                                    .withIssue(new ContractIssue(
                                            0, "duplicate probe id \"" + e.getKey() + "\" declared by " + names)));
                }
            }
        }
        return new ProbeRoot(dir, parsed);
    }

    /** The probe in {@code file} (an absolute, normalised path inside this root). */
    public Optional<ProbeScript> at(Path file) {
        return Optional.ofNullable(byFile.get(file));
    }

    public Optional<ProbeScript> find(String probeId) {
        return probes.stream().filter(p -> p.id().equals(probeId)).findFirst();
    }
}
