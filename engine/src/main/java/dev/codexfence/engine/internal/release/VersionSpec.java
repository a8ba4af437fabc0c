package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which codex releases a run asks for, as written on the command line ({@code --codex-version}) or in the engine
 * key {@code codex-fence.codex.versions}:
 * <ul>
 *   <li>{@code 0.169.0}: that version (a pre-release too, when named exactly);</li>
 *   <li>{@code latest}: what npm's dist-tag {@code latest} names;</li>
 *   <li>{@code A..B}: every stable release from A to B, both included ({@code B} may be {@code latest});</li>
 *   <li>{@code A..B/N}: N stable releases of that range, evenly spaced by their position in the list of releases,
 *       the first and the last of the range always among them (all of them when the range has N or fewer).</li>
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface VersionSpec permits VersionSpec.Exact, VersionSpec.Latest, VersionSpec.Range {

    /** The spec as the user wrote it (normalised: no spaces). */
    String text();

    /** One version. */
    record Exact(ReleaseVersion version) implements VersionSpec {
        @Override
        public String text() {
            return version.text();
        }
    }

    /** npm's {@code latest} dist-tag. */
    record Latest() implements VersionSpec {
        @Override
        public String text() {
            return LATEST;
        }
    }

    /**
     * The stable releases from {@code from} to {@code to}, both included.
     *
     * @param to the upper end, or null for {@code latest}
     * @param sample how many to pick, evenly spaced; 0 for all of them
     */
    record Range(ReleaseVersion from, ReleaseVersion to, int sample) implements VersionSpec {
        @Override
        public String text() {
            return from.text() + ".." + (to == null ? LATEST : to.text()) + (sample > 0 ? "/" + sample : "");
        }

        /** The releases of this range among the ascending stable releases {@code stable}, sampled. */
        public List<ReleaseVersion> select(List<ReleaseVersion> stable, ReleaseVersion latest) {
            ReleaseVersion upper = to != null ? to : latest;
            List<ReleaseVersion> inRange = new ArrayList<>();
            for (ReleaseVersion v : stable) {
                if (v.stable() && v.compareTo(from) >= 0 && upper != null && v.compareTo(upper) <= 0) {
                    inRange.add(v);
                }
            }
            inRange.sort(null);
            return sample == 0 ? inRange : evenlySpaced(inRange, sample);
        }
    }

    String LATEST = "latest";

    /** Largest N of {@code A..B/N}. */
    int MAX_SAMPLE = 1000;

    /**
     * Parses one spec.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what is accepted
     */
    static VersionSpec parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty codex version; " + FORMS);
        }
        if (text.equals(LATEST)) {
            return new Latest();
        }
        int dots = text.indexOf("..");
        if (dots < 0) {
            return new Exact(version(text, text));
        }
        String fromText = text.substring(0, dots);
        String rest = text.substring(dots + 2);
        int sample = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String n = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!n.matches("[1-9]\\d{0,3}") || Integer.parseInt(n) > MAX_SAMPLE) {
                throw new IllegalArgumentException(
                        "\"" + text + "\": the sample size after / must be a whole number from 2 to " + MAX_SAMPLE
                                + " (got \"" + n + "\")");
            }
            sample = Integer.parseInt(n);
            if (sample < 2) {
                throw new IllegalArgumentException(
                        "\"" + text + "\": a sample of a range takes at least 2 releases (both ends);"
                                + " for one release name it");
            }
        }
        ReleaseVersion from = version(fromText, text);
        ReleaseVersion to = rest.equals(LATEST) ? null : version(rest, text);
        if (!from.stable() || (to != null && !to.stable())) {
            throw new IllegalArgumentException("\"" + text
                    + "\": the ends of a range are stable versions (a range never holds" + " pre-releases)");
        }
        if (to != null && from.compareTo(to) > 0) {
            throw new IllegalArgumentException(
                    "\"" + text + "\": the range is backwards (" + from + " is after " + to + ")");
        }
        return new Range(from, to, sample);
    }

    /** Parses a comma or space separated list of specs, keeping the order and dropping repeats. */
    static List<VersionSpec> parseList(String text) {
        LinkedHashSet<VersionSpec> specs = new LinkedHashSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                specs.add(parse(part));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("names no codex version; " + FORMS);
        }
        return List.copyOf(specs);
    }

    /** The accepted forms, for error messages. */
    String FORMS = "expected a version such as 0.169.0, latest, a range such as 0.80.0..0.171.0 (or 0.80.0..latest),"
            + " or a sampled range such as 0.80.0..0.171.0/8";

    private static ReleaseVersion version(String part, String whole) {
        Optional<ReleaseVersion> v = ReleaseVersion.parse(part);
        if (v.isEmpty() || !v.get().text().equals(part)) {
            throw new IllegalArgumentException(
                    "\"" + whole + "\" is not a codex version: \"" + part + "\" is not MAJOR.MINOR.PATCH; " + FORMS);
        }
        return v.get();
    }

    /** {@code n} elements of {@code all}, evenly spaced by index, the first and the last included. */
    static <T> List<T> evenlySpaced(List<T> all, int n) {
        if (all.size() <= n) {
            return List.copyOf(all);
        }
        List<T> picked = new ArrayList<>();
        int last = all.size() - 1;
        for (int k = 0; k < n; k++) {
            int index = (int) Math.round((double) k * last / (n - 1));
            T t = all.get(index);
            if (picked.isEmpty() || picked.get(picked.size() - 1) != t) {
                picked.add(t);
            }
        }
        return List.copyOf(picked);
    }
}
