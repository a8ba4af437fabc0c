package dev.codexfence.diff;

import dev.codexfence.record.BoundaryObject;
import java.util.Comparator;

/**
 * The host and codex a record was made with, as far as telling runs apart goes: platform, codex CLI version,
 * {@code uname -srm} and user id. Records of one run share it; concatenated NDJSON from several hosts or
 * releases does not. Without the release it is a {@link HostLine}.
 */
public record StackKey(String platform, String codexCliVersion, String os, Integer uid) {

    /** By host line, then by release (semver order, not text order). */
    public static final Comparator<StackKey> ORDER = Comparator.comparing(StackKey::host, HostLine.ORDER)
            .thenComparing(StackKey::release);

    public static StackKey of(BoundaryObject.Stack stack) {
        return new StackKey(stack.platform(), stack.codexRelease(), stack.os(), stack.uid());
    }

    public HostLine host() {
        return new HostLine(platform, os, uid);
    }

    public Release release() {
        return new Release(codexCliVersion);
    }

    /** {@code linux · codex 0.169.0 · Linux 6.18.44 x86_64 · uid 0}. */
    public String label() {
        return platform + " · " + release().describe() + " · " + os + (uid == null ? "" : " · uid " + uid);
    }
}
