package dev.codexfence.engine.internal.history;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.Release;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One release of a host line.
 *
 * @param interfaces the sandbox interfaces its codex-mode records name ({@code debug}, {@code sandbox-os},
 *     {@code sandbox-profile}); one, unless the inputs mix runs
 * @param records how many records (duplicates included)
 * @param modes the modes it has records of, in the engine's order
 * @param harnessMade how many of its probe × mode cells only the harness spoke for
 * @param sources the inputs its records came from
 */
@API(status = INTERNAL, since = "0.1")
public record ReleaseColumn(
        Release release,
        List<String> interfaces,
        int records,
        List<String> modes,
        int harnessMade,
        List<String> sources) {

    public ReleaseColumn {
        interfaces = List.copyOf(interfaces);
        modes = List.copyOf(modes);
        sources = List.copyOf(sources);
    }

    /** {@code 0.80.0 (sandbox-os)}. */
    public String label() {
        return release.label() + (interfaces.isEmpty() ? "" : " (" + String.join(", ", interfaces) + ")");
    }
}
