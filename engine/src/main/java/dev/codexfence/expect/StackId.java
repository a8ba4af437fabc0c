package dev.codexfence.expect;

import dev.codexfence.record.BoundaryObject;
import java.util.Objects;

/**
 * The stack an expectations file is about: the platform, the codex CLI version and the sandbox interface, as
 * records carry them in {@code stack}.
 *
 * @param platform {@code linux}, {@code macos} or {@code other}
 * @param codexCliVersion e.g. {@code 0.169.0}; null for runs without a codex CLI
 * @param sandboxInterface the codex interface generation; null when no codex mode was recorded
 */
public record StackId(String platform, String codexCliVersion, String sandboxInterface) {

    public StackId {
        Objects.requireNonNull(platform, "platform");
    }

    public static StackId of(BoundaryObject.Stack stack) {
        return new StackId(stack.platform(), stack.codexRelease(), stack.sandboxInterface());
    }

    /**
     * Whether a record made on {@code stack} belongs to this stack: same platform and codex version, and the
     * same sandbox interface unless one side has none (baseline records carry none).
     */
    public boolean covers(BoundaryObject.Stack stack) {
        return overlaps(of(stack));
    }

    /** Whether some record could belong to both stacks. */
    public boolean overlaps(StackId other) {
        return platform.equals(other.platform) && Objects.equals(codexCliVersion, other.codexCliVersion)
                && (sandboxInterface == null || other.sandboxInterface == null
                        || sandboxInterface.equals(other.sandboxInterface));
    }

    /** The conventional file name: {@code linux-codex-0.169.0.json}, {@code linux-no-codex.json}. */
    public String fileName() {
        String version = codexCliVersion == null ? "no-codex" : "codex-" + codexCliVersion.replaceAll("[^A-Za-z0-9._-]", "_");
        return platform + "-" + version + ".json";
    }

    /** {@code linux, codex 0.169.0 (sandbox-profile)}. */
    public String describe() {
        String codex = codexCliVersion == null ? "no codex CLI" : "codex " + codexCliVersion;
        return platform + ", " + codex + (sandboxInterface == null ? "" : " (" + sandboxInterface + ")");
    }
}
