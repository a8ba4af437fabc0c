package dev.codexfence.engine.internal.stack;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.record.BoundaryObject;
import java.util.Comparator;
import org.apiguardian.api.API;

/**
 * Which stack a record was made on, as far as telling runs apart goes: the {@link HostLine host line} (platform,
 * {@code uname -srm}, user id) and the codex {@link Release release}. This is the one identity of a stack:
 * records of one run share it (baseline's and the codex modes' alike), concatenated NDJSON of several hosts or
 * releases does not. The record's own {@code stack} section ({@link BoundaryObject.Stack}) holds the facts;
 * diffs and reports group records by this identity, histories by its {@link #host() host line}, and expectations
 * files are named by its {@link #platform() platform} and release ({@link #expectationsFileName()}).
 *
 * <p>The sandbox interface is not part of it: it belongs to the codex modes of a run, not to its baseline.
 */
@API(status = INTERNAL, since = "0.1")
public record StackIdentity(HostLine host, Release release) {

    /** By host line, then by release (semver order, not text order). */
    public static final Comparator<StackIdentity> ORDER =
            Comparator.comparing(StackIdentity::host, HostLine.ORDER).thenComparing(StackIdentity::release);

    public static StackIdentity of(BoundaryObject.Stack stack) {
        return new StackIdentity(HostLine.of(stack), Release.of(stack));
    }

    /** {@code linux}, {@code macos} or {@code other}. */
    public String platform() {
        return host.platform();
    }

    /** {@code linux · codex 0.169.0 · Linux 6.18.44 x86_64 · uid 0}. */
    public String label() {
        return host.platform() + " · " + release.describe() + " · " + host.os()
                + (host.uid() == null ? "" : " · uid " + host.uid());
    }

    /** The conventional name of the expectations file for this platform and release: {@code linux-codex-0.169.0.json}. */
    public String expectationsFileName() {
        return expectationsFileName(platform(), release);
    }

    /** {@code linux-codex-0.169.0.json}, {@code linux-no-codex.json}. */
    public static String expectationsFileName(String platform, Release release) {
        String version = release.version() == null
                ? "no-codex"
                : "codex-" + release.version().replaceAll("[^A-Za-z0-9._-]", "_");
        return platform + "-" + version + ".json";
    }
}
