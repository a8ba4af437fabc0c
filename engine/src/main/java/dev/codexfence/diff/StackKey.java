package dev.codexfence.diff;

import dev.codexfence.record.BoundaryObject;
import java.util.Comparator;

/**
 * The host and codex a record was made with, as far as telling runs apart goes: platform, codex CLI version
 * and {@code uname -srm}. Records of one run share it; concatenated NDJSON from several hosts does not.
 */
public record StackKey(String platform, String codexCliVersion, String os) {

    static final Comparator<StackKey> ORDER = Comparator.comparing(StackKey::label);

    public static StackKey of(BoundaryObject.Stack stack) {
        return new StackKey(stack.platform(), stack.codexCliVersion(), stack.os());
    }

    /** {@code linux · codex 0.169.0 · Linux 6.18.44 x86_64}. */
    public String label() {
        return platform + " · " + (codexCliVersion == null ? "no codex" : "codex " + codexCliVersion) + " · " + os;
    }
}
