package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One expectations file: for one stack, the expected outcome of every probe in every mode it lists. The stack is
 * the {@link StackIdentity}'s platform and release (an expectations file is about every host of that platform),
 * plus the sandbox interface its codex modes used, as the file's {@code stack} header names them
 * ({@code {"platform":"linux","codex_cli_version":"0.169.0","sandbox_interface":"sandbox-profile"}}).
 *
 * @param source where it was read from (a path), or what made it
 * @param platform {@code linux}, {@code macos} or {@code other}
 * @param release the codex release ({@code codex_cli_version} in the file); {@code new Release(null)} for runs
 *     without a codex CLI
 * @param sandboxInterface the codex interface generation; null when no codex mode was recorded
 * @param probes probe id → mode → expected outcome
 */
@API(status = INTERNAL, since = "0.1")
public record Expectations(
        String source,
        String platform,
        Release release,
        String sandboxInterface,
        Map<String, Map<String, ExpectedOutcome>> probes) {

    public static final String SCHEMA_VERSION = "cfexp-v1";

    public Expectations {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(release, "release");
        Map<String, Map<String, ExpectedOutcome>> copy = new LinkedHashMap<>();
        probes.forEach((probe, modes) -> copy.put(probe, Collections.unmodifiableMap(new LinkedHashMap<>(modes))));
        probes = Collections.unmodifiableMap(copy);
    }

    public Optional<ExpectedOutcome> find(String probeId, String mode) {
        return Optional.ofNullable(probes.getOrDefault(probeId, Map.of()).get(mode));
    }

    public boolean lists(String probeId) {
        return probes.containsKey(probeId);
    }

    /** The number of probe × mode entries. */
    public int size() {
        return probes.values().stream().mapToInt(Map::size).sum();
    }

    public Expectations withSource(String newSource) {
        return new Expectations(newSource, platform, release, sandboxInterface, probes);
    }

    /**
     * Whether a record made on {@code stack} belongs to this file: same platform and codex release, and the same
     * sandbox interface unless one side has none (baseline records carry none).
     */
    public boolean covers(BoundaryObject.Stack stack) {
        return matches(StackIdentity.of(stack), stack.sandboxInterface());
    }

    /** Whether records of {@code identity} using {@code sandboxInterface} (null: none) belong to this file. */
    public boolean matches(StackIdentity identity, String sandboxInterface) {
        return matches(identity.platform(), identity.release(), sandboxInterface);
    }

    /** Whether some record could belong to both files. */
    public boolean overlaps(Expectations other) {
        return matches(other.platform, other.release, other.sandboxInterface);
    }

    private boolean matches(String otherPlatform, Release otherRelease, String otherInterface) {
        return platform.equals(otherPlatform)
                && release.equals(otherRelease)
                && (sandboxInterface == null || otherInterface == null || sandboxInterface.equals(otherInterface));
    }

    /** The conventional file name: {@code linux-codex-0.169.0.json}, {@code linux-no-codex.json}. */
    public String fileName() {
        return StackIdentity.expectationsFileName(platform, release);
    }

    /** {@code linux, codex 0.169.0 (sandbox-profile)}. */
    public String describeStack() {
        return describeStack(platform, release, sandboxInterface);
    }

    /** {@code linux, codex 0.169.0 (sandbox-profile)}, {@code linux, no codex CLI}. */
    static String describeStack(String platform, Release release, String sandboxInterface) {
        String codex = release.version() == null ? "no codex CLI" : "codex " + release.version();
        return platform + ", " + codex + (sandboxInterface == null ? "" : " (" + sandboxInterface + ")");
    }
}
