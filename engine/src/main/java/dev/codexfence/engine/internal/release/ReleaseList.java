package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published versions of {@code @openai/codex}, from npm, cached with the time they were fetched
 * ({@code releases.json} in the cache folder) so that a run without network works from the last list.
 * A list younger than {@link #FRESH} is used as is; an older one is refreshed, and kept when npm fails.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReleaseList {

    /** How long a fetched list is used without asking npm again. */
    public static final Duration FRESH = Duration.ofHours(6);

    static final String FILE = "releases.json";

    private final Npm npm;
    private final Path file;
    private final Clock clock;

    public ReleaseList(Npm npm, Path cacheDirectory, Clock clock) {
        this.npm = npm;
        this.file = cacheDirectory.resolve(FILE);
        this.clock = clock;
    }

    /**
     * The list, with where it came from.
     *
     * @param versions every published version (pre-releases too), ascending
     * @param latest what dist-tag {@code latest} names, or null
     * @param fetchedAt when npm said so
     * @param note empty when fresh; else why an older list is used
     */
    public record Snapshot(
            List<ReleaseVersion> versions, ReleaseVersion latest, Instant fetchedAt, Optional<String> note) {

        /** The stable releases, ascending. */
        public List<ReleaseVersion> stable() {
            return versions.stream().filter(ReleaseVersion::stable).toList();
        }

        public boolean contains(ReleaseVersion v) {
            return versions.contains(v);
        }
    }

    /**
     * The cached list when fresh, else npm's (then cached), else the stale cached one with a note.
     *
     * @throws NpmException when npm fails and nothing is cached
     */
    public Snapshot get() throws NpmException {
        Optional<Snapshot> cached = read();
        Instant now = clock.instant();
        if (cached.isPresent()
                && Duration.between(cached.get().fetchedAt(), now).compareTo(FRESH) < 0
                && !cached.get().fetchedAt().isAfter(now)) {
            return cached.get();
        }
        try {
            Npm.Listing listing = npm.list();
            Snapshot fresh = snapshot(listing.versions(), listing.distTags().get("latest"), now, Optional.empty());
            write(fresh);
            return fresh;
        } catch (NpmException e) {
            if (cached.isEmpty()) {
                throw new NpmException("cannot list the releases of " + Npm.PACKAGE + " (" + e.getMessage()
                        + ") and no list is cached in " + file);
            }
            Snapshot old = cached.get();
            return new Snapshot(
                    old.versions(),
                    old.latest(),
                    old.fetchedAt(),
                    Optional.of(
                            "using the list of releases cached " + old.fetchedAt() + " (npm: " + e.getMessage() + ")"));
        }
    }

    private static Snapshot snapshot(List<String> texts, String latest, Instant at, Optional<String> note) {
        List<ReleaseVersion> versions = new ArrayList<>();
        for (String t : texts) {
            ReleaseVersion.parse(t).filter(v -> v.text().equals(t)).ifPresent(versions::add);
        }
        versions.sort(null);
        ReleaseVersion l = latest == null ? null : ReleaseVersion.parse(latest).orElse(null);
        return new Snapshot(List.copyOf(versions), l, at, note);
    }

    private Optional<Snapshot> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = FenceJson.MAPPER.readTree(file.toFile());
            List<String> versions = new ArrayList<>();
            node.get("versions").forEach(v -> versions.add(v.asString()));
            JsonNode latest = node.get("latest");
            Instant at = Instant.parse(node.get("fetched_at").asString());
            return Optional.of(snapshot(
                    versions, latest == null || latest.isNull() ? null : latest.asString(), at, Optional.empty()));
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged cache is as good as none: npm is asked
        }
    }

    private void write(Snapshot s) {
        ObjectNode node = FenceJson.MAPPER.createObjectNode();
        node.put("package", Npm.PACKAGE);
        node.put("fetched_at", s.fetchedAt().toString());
        if (s.latest() == null) {
            node.putNull("latest");
        } else {
            node.put("latest", s.latest().text());
        }
        var list = node.putArray("versions");
        s.versions().forEach(v -> list.add(v.text()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".releases-", ".json");
            Files.writeString(tmp, FenceJson.MAPPER.writeValueAsString(node) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | JacksonException e) {
            // not cached: the next run asks npm again
        }
    }

    /** For messages: the published neighbours of a version that is not published. */
    static String neighbours(Snapshot s, ReleaseVersion v) {
        ReleaseVersion below = null;
        ReleaseVersion above = null;
        for (ReleaseVersion r : s.stable()) {
            if (r.compareTo(v) < 0) {
                below = r;
            } else if (above == null && r.compareTo(v) > 0) {
                above = r;
            }
        }
        Map<String, ReleaseVersion> near = new LinkedHashMap<>();
        if (below != null) {
            near.put("before", below);
        }
        if (above != null) {
            near.put("after", above);
        }
        if (near.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        near.forEach((k, r) -> parts.add(r.text()));
        return " (nearest releases: " + String.join(", ", parts) + ")";
    }
}
