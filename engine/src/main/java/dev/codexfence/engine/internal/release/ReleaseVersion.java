package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A version of the {@code @openai/codex} npm package, as npm spells it ({@code 0.169.0},
 * {@code 0.1.2505291658}, {@code 0.170.0-alpha.3}). Ordered like semver: numbers numerically, a pre-release
 * before its release; build metadata is kept in the text and ignored in the order.
 *
 * @param text the version exactly as npm lists it
 */
@API(status = INTERNAL, since = "0.1")
public record ReleaseVersion(String text, long major, long minor, long patch, String preRelease)
        implements Comparable<ReleaseVersion> {

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    private static final Comparator<ReleaseVersion> ORDER = Comparator.comparingLong(ReleaseVersion::major)
            .thenComparingLong(ReleaseVersion::minor)
            .thenComparingLong(ReleaseVersion::patch)
            .thenComparing(ReleaseVersion::preRelease, ReleaseVersion::comparePreRelease);

    /** The version in {@code text}, or empty when it is not {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}. */
    public static Optional<ReleaseVersion> parse(String text) {
        Matcher m = SEMVER.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReleaseVersion(
                m.group(),
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                m.group(4)));
    }

    /** Whether this is a release rather than a pre-release ({@code -alpha.1}, {@code -linux-x64}, …). */
    public boolean stable() {
        return preRelease == null;
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return text;
    }

    /** semver's rule: no pre-release sorts last; identifiers compare numerically when both are numbers. */
    private static int comparePreRelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].matches("\\d+");
            boolean yn = y[i].matches("\\d+");
            int c;
            if (xn && yn) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else if (xn || yn) {
                c = xn ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
