package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.record.Redactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The environment the harness hands to the processes it starts for a run (probes, codex detection, the stack
 * helper, preflights): an allow-list of its own environment, never the whole of it. The rest is withheld, and
 * the {@link Redactor} learns the withheld values, so that a probe that finds one anyway (in baseline it can
 * read {@code /proc/<harness>/environ}) cannot put it into a record.
 * <p>
 * Passed on: {@link #NAMES}, every {@code LC_*} variable, then (added by the run session) the harness's own
 * {@code FENCE_*} variables and the explicit {@code codex-fence.probe.env.NAME} additions. An inherited
 * {@code FENCE_*} variable is not passed on: the harness sets its own.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeEnvironment {

    /**
     * Variables passed on by name: the basics of a login session, plus what the codex CLI needs to run its
     * sandbox (measured with codex 0.169: {@code PATH} to find {@code node} and the command, {@code HOME} or
     * {@code CODEX_HOME} for its state folder, {@code CODEX_SQLITE_HOME} where it is set).
     */
    public static final List<String> NAMES = List.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "TERM",
            "TZ",
            "TMPDIR",
            "CODEX_HOME",
            "CODEX_SQLITE_HOME");

    /** Prefix of the locale variables passed on. */
    public static final String LOCALE_PREFIX = "LC_";

    private ProbeEnvironment() {}

    /** Whether an inherited variable is passed on to the processes of a run. */
    public static boolean passes(String name) {
        return NAMES.contains(name) || name.startsWith(LOCALE_PREFIX) && name.length() > LOCALE_PREFIX.length();
    }

    /**
     * The allow-listed part of {@code inherited}; the {@link Redactor} learns the secrets among the rest.
     *
     * @param inherited the harness's own environment
     */
    public static Map<String, String> allowListed(Map<String, String> inherited) {
        Map<String, String> passed = new LinkedHashMap<>();
        Map<String, String> withheld = new LinkedHashMap<>();
        inherited.forEach((name, value) -> (passes(name) ? passed : withheld).put(name, value));
        Redactor.learnWithheld(withheld, passed.values());
        return passed;
    }

    /**
     * The explicit additions ({@code codex-fence.probe.env.NAME}), passed on as configured; the {@link Redactor}
     * learns the values of those with secret-looking names.
     */
    public static Map<String, String> additions(Map<String, String> configured) {
        Redactor.learnPassed(configured);
        return configured;
    }
}
