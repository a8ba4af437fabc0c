package dev.codexfence.engine.internal.catalog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives the capabilities of a foreign catalog their platforms and remembers which rule did it, for the
 * discovery notes. In order: the capability's own {@code platforms} field; else the platforms its labels
 * name; else those the catalog's labels name; else every platform. The labels that name platforms are
 * {@code macos}, {@code linux} and {@code windows} (in any letter case). codex-fence runs on Linux and
 * macOS only, so a capability that names windows alone applies to no platform here.
 */
final class PlatformRule {

    /** The rule that gave a capability its platforms. */
    enum Basis {
        PLATFORMS_FIELD,
        OWN_LABELS,
        CATALOG_LABELS,
        EVERY_PLATFORM
    }

    static final String WINDOWS = "windows";
    private static final List<String> PLATFORM_LABELS = List.of(Platform.LINUX.id(), Platform.MACOS.id(), WINDOWS);
    private static final int LISTED = 6;

    private final boolean catalogLabelled;
    private final Set<String> catalogNamed;
    private final Map<Basis, List<Applied>> applied = new EnumMap<>(Basis.class);
    private final List<Applied> windowsOnly = new ArrayList<>();

    private record Applied(String id, int line, Set<String> named) {}

    /**
     * @param catalogLabelled whether the catalog's shape has catalog-wide labels at all
     * @param catalogLabels the catalog's own labels (empty when it has none)
     */
    PlatformRule(boolean catalogLabelled, List<String> catalogLabels) {
        this.catalogLabelled = catalogLabelled;
        this.catalogNamed = named(catalogLabels);
    }

    /**
     * The platforms of one capability.
     *
     * @param platformsField the values of its {@code platforms} field, or null when it has none
     * @param labels its labels (empty when it has none)
     */
    List<Platform> resolve(String id, int line, List<String> platformsField, List<String> labels) {
        Basis basis;
        Set<String> named;
        if (platformsField != null) {
            basis = Basis.PLATFORMS_FIELD;
            named = named(platformsField);
        } else if (!named(labels).isEmpty()) {
            basis = Basis.OWN_LABELS;
            named = named(labels);
        } else if (!catalogNamed.isEmpty()) {
            basis = Basis.CATALOG_LABELS;
            named = catalogNamed;
        } else {
            basis = Basis.EVERY_PLATFORM;
            named = new LinkedHashSet<>(List.of(Platform.LINUX.id(), Platform.MACOS.id()));
        }
        Applied entry = new Applied(id, line, named);
        applied.computeIfAbsent(basis, b -> new ArrayList<>()).add(entry);
        List<Platform> platforms = new ArrayList<>();
        for (Platform p : Platform.values()) {
            if (named.contains(p.id())) {
                platforms.add(p);
            }
        }
        if (platforms.isEmpty()) {
            windowsOnly.add(entry);
        }
        return platforms;
    }

    /** One note per rule that applied, in rule order, then one for capabilities that name only windows. */
    List<CatalogNote> notes(String source) {
        List<CatalogNote> notes = new ArrayList<>();
        for (Map.Entry<Basis, List<Applied>> e : applied.entrySet()) {
            List<Applied> caps = e.getValue();
            String what = switch (e.getKey()) {
                case PLATFORMS_FIELD ->
                    "platforms come from the capability's platforms field for " + capabilities(caps.size()) + ": "
                            + list(caps, true);
                case OWN_LABELS ->
                    "no platforms field; the platforms come from the capability's own labels for "
                            + capabilities(caps.size()) + ": " + list(caps, true);
                case CATALOG_LABELS ->
                    "no platforms field and no platform among the capability's labels; the catalog's"
                            + " labels name " + String.join(", ", catalogNamed) + " for " + capabilities(caps.size())
                            + ": "
                            + list(caps, false);
                case EVERY_PLATFORM ->
                    "no platforms field and no platform among the capability's "
                            + (catalogLabelled ? "or the catalog's " : "") + "labels; every platform ("
                            + Platform.LINUX.id() + ", " + Platform.MACOS.id() + ") for " + capabilities(caps.size())
                            + ": "
                            + list(caps, false);
            };
            notes.add(new CatalogNote(source + ": " + what, caps.get(0).line()));
        }
        if (!windowsOnly.isEmpty()) {
            boolean one = windowsOnly.size() == 1;
            notes.add(new CatalogNote(
                    source + ": " + capabilities(windowsOnly.size()) + (one ? " names" : " name")
                            + " only windows, where codex-fence does not run; "
                            + (one
                                    ? "it applies to no platform here and gets"
                                    : "they apply to no platform here and get")
                            + " no coverage test: "
                            + list(windowsOnly, false),
                    windowsOnly.get(0).line()));
        }
        return notes;
    }

    /** The platform names among {@code labels}, lower-cased, in the order linux, macos, windows. */
    private static Set<String> named(List<String> labels) {
        Set<String> given = new LinkedHashSet<>();
        for (String l : labels) {
            given.add(l.strip().toLowerCase(Locale.ROOT));
        }
        Set<String> named = new LinkedHashSet<>();
        for (String p : PLATFORM_LABELS) {
            if (given.contains(p)) {
                named.add(p);
            }
        }
        return named;
    }

    private static String capabilities(int n) {
        return n + (n == 1 ? " capability" : " capabilities");
    }

    private static String list(List<Applied> caps, boolean withPlatforms) {
        List<String> shown = new ArrayList<>();
        for (Applied a : caps.subList(0, Math.min(LISTED, caps.size()))) {
            shown.add(withPlatforms ? a.id() + " (" + String.join(", ", a.named()) + ")" : a.id());
        }
        String more = caps.size() > LISTED ? " and " + (caps.size() - LISTED) + " more" : "";
        return String.join(", ", shown) + more;
    }
}
