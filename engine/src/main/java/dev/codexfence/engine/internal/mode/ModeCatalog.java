package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** The mode names this engine knows and the connector each one stands for. */
@API(status = INTERNAL, since = "0.1")
public final class ModeCatalog {

    public static final String CODEX_SANDBOX = "codex-sandbox";
    public static final String CODEX_FULL = "codex-full";
    public static final String CODEX_READ_ONLY = "codex-read-only";
    public static final String CODEX_WORKSPACE_NET = "codex-workspace-net";

    /** The modes run when configuration names none. */
    public static final List<String> DEFAULT_MODES = List.of(BaselineMode.NAME, CODEX_SANDBOX, CODEX_FULL);

    private static final Map<String, CodexProfile> CODEX_MODES = new LinkedHashMap<>();

    static {
        CODEX_MODES.put(CODEX_SANDBOX, CodexProfile.WORKSPACE);
        CODEX_MODES.put(CODEX_FULL, CodexProfile.FULL_ACCESS);
        CODEX_MODES.put(CODEX_READ_ONLY, CodexProfile.READ_ONLY);
        CODEX_MODES.put(CODEX_WORKSPACE_NET, CodexProfile.WORKSPACE_NETWORK);
    }

    private ModeCatalog() {}

    /** Every known mode name, baseline first. */
    public static List<String> knownModes() {
        List<String> all = new ArrayList<>();
        all.add(BaselineMode.NAME);
        all.addAll(CODEX_MODES.keySet());
        return all;
    }

    public static boolean isCodexMode(String name) {
        return CODEX_MODES.containsKey(name);
    }

    /**
     * The connectors for {@code names}, in that order.
     *
     * @param detection the codex CLI detected for this run, or a problem saying why there is none
     * @throws IllegalArgumentException naming an unknown mode and listing the valid ones
     */
    public static List<RunMode> create(List<String> names, CodexDetector.Detection detection, String bash) {
        List<RunMode> modes = new ArrayList<>();
        for (String name : names) {
            if (name.equals(BaselineMode.NAME)) {
                modes.add(new BaselineMode(bash));
            } else if (CODEX_MODES.containsKey(name)) {
                modes.add(new CodexMode(name, CODEX_MODES.get(name), detection.cli(), detection.problem(), bash));
            } else {
                throw new IllegalArgumentException(unknown(name));
            }
        }
        return modes;
    }

    /** The message for an unknown mode name. */
    public static String unknown(String name) {
        return "unknown mode \"" + name + "\"; valid modes: " + String.join(", ", knownModes());
    }
}
