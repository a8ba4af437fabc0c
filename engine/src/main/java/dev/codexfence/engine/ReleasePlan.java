package dev.codexfence.engine;

import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.release.CodexReleases;
import dev.codexfence.engine.internal.release.VersionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shape of a run's tree, decided at discovery from {@link Constants#CODEX_VERSIONS} and the modes. A run over
 * one codex CLI (none, {@link Constants#CODEX_PATH}, or one release) keeps the plain tree: every mode under
 * capability and probe, directly below the engine. A run whose versions name several releases (and that has a codex
 * mode) puts the codex modes in a container per release ({@code [codex:0.80.0]}); baseline, which does not involve
 * codex, runs once, in the plain tree directly below the engine, with the coverage and contract nodes.
 *
 * @param releases the releases, in version order (specs that named none after them); empty for the plain tree
 * @param topModes the modes of the nodes directly below the engine
 * @param releaseModes the modes of the nodes below each release (the codex modes); empty for the plain tree
 */
record ReleasePlan(List<ReleaseSlot> releases, List<String> topModes, List<String> releaseModes) {

    ReleasePlan {
        releases = List.copyOf(releases);
        topModes = List.copyOf(topModes);
        releaseModes = List.copyOf(releaseModes);
    }

    /** The plain tree: every mode directly below the engine. */
    static ReleasePlan plain(List<String> modes) {
        return new ReleasePlan(List.of(), modes, List.of());
    }

    /**
     * The plan for {@code config}.
     *
     * @param select which releases specs name ({@link CodexReleases#select}): asked only when the versions could name
     *     more than one (a single exact version needs no list of releases)
     */
    static ReleasePlan of(FenceConfiguration config, Function<List<VersionSpec>, List<CodexReleases.Selected>> select) {
        List<VersionSpec> specs = config.codexVersions();
        List<String> codexModes =
                config.modes().stream().filter(ModeCatalog::isCodexMode).toList();
        if (specs.isEmpty()
                || codexModes.isEmpty()
                || (specs.size() == 1 && specs.get(0) instanceof VersionSpec.Exact)) {
            return plain(config.modes());
        }
        Map<String, ReleaseSlot> slots = new LinkedHashMap<>();
        for (CodexReleases.Selected s : select.apply(specs)) {
            String label = s.version().map(v -> v.text()).orElse(s.spec());
            slots.putIfAbsent(label, new ReleaseSlot(label, s.version(), s.problem()));
        }
        if (slots.size() <= 1) {
            return plain(config.modes());
        }
        List<String> top = new ArrayList<>(config.modes());
        top.removeAll(codexModes);
        return new ReleasePlan(new ArrayList<>(slots.values()), top, codexModes);
    }

    /** Whether the run is over several releases (a container per release). */
    boolean several() {
        return !releases.isEmpty();
    }

    Optional<ReleaseSlot> release(String label) {
        return releases.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** The modes of nodes below {@code release}, or directly below the engine for null. */
    List<String> modes(ReleaseSlot release) {
        return release == null ? topModes : releaseModes;
    }
}
