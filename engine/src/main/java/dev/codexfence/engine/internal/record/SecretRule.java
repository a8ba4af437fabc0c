package dev.codexfence.engine.internal.record;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which environment values the {@link Redactor} treats as known secrets, removed (with their common encodings)
 * wherever they appear. The rule keeps honest records intact: short values, paths and the values of common
 * shell variables never count, whatever they look like.
 * <ol>
 *   <li>Never: the variables of {@link #NEVER} (PWD, OLDPWD, SHLVL, _, HOSTNAME, …) and {@code XDG_*}.</li>
 *   <li>A <em>secret-looking name</em> ({@link #secretName}): the value counts when it has at least
 *       {@value #MIN_NAMED} characters, is not a common word (true, false, yes, none, …) and does not name an
 *       existing file or folder. This holds for withheld variables and for explicit
 *       {@code codex-fence.probe.env.*} additions alike.</li>
 *   <li>Any other <em>withheld</em> variable: the value counts only when it looks like a credential: at least
 *       {@value #MIN_UNNAMED} characters, no whitespace, not a path, at least two of lower case, upper case and
 *       digits, and at least {@value #MIN_ENTROPY} bits of entropy per character.</li>
 * </ol>
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretRule {

    /** Shortest value of a secret-looking variable that counts. */
    public static final int MIN_NAMED = 6;
    /** Shortest value of another withheld variable that counts. */
    public static final int MIN_UNNAMED = 16;
    /** Least Shannon entropy (bits per character) of another withheld variable's value that counts. */
    public static final double MIN_ENTROPY = 3.0;

    /** Variables whose values are never secrets: the shell's own, paths, terminal and session facts. */
    public static final Set<String> NEVER = Set.of(
            "PWD",
            "OLDPWD",
            "SHLVL",
            "_",
            "HOSTNAME",
            "HOST",
            "HOSTTYPE",
            "OSTYPE",
            "MACHTYPE",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "COLUMNS",
            "LINES",
            "EDITOR",
            "VISUAL",
            "PAGER",
            "LS_COLORS",
            "LSCOLORS",
            "LESSOPEN",
            "LESSCLOSE",
            "MAIL",
            "TERM_PROGRAM",
            "TERM_PROGRAM_VERSION",
            "COLORTERM",
            "SSH_AUTH_SOCK",
            "SSH_AGENT_PID",
            "SSH_CLIENT",
            "SSH_CONNECTION",
            "SSH_TTY",
            "DBUS_SESSION_BUS_ADDRESS",
            "JAVA_HOME",
            "CLASSPATH",
            "MANPATH",
            "INFOPATH",
            "LANGUAGE",
            "HISTFILE",
            "HISTSIZE",
            "HISTFILESIZE",
            "HISTCONTROL",
            "PS1",
            "PS2",
            "PS3",
            "PS4",
            "PROMPT_COMMAND");

    /** A word of a variable name that makes it secret-looking on its own. */
    private static final Set<String> SECRET_WORDS = Set.of("KEY", "KEYS", "PASS", "PWD", "PAT", "AUTH", "PIN");
    /** A word of a variable name ending like this makes it secret-looking (ACCESSTOKEN, CLIENT_SECRET, …). */
    private static final Pattern SECRET_ENDING =
            Pattern.compile(".*(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY)S?");

    private static final Set<String> COMMON_WORDS = Set.of(
            "true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled", "default", "unset");

    private SecretRule() {}

    /** Where a variable's value came from. */
    public enum Origin {
        /** A variable of the harness's environment that probes do not get. */
        WITHHELD,
        /** A variable passed to probes on purpose ({@code codex-fence.probe.env.NAME}). */
        PASSED
    }

    /**
     * Whether a variable name says its value is a secret: a word of it (split at {@code _ - .}) is KEY, PASS,
     * PWD, PAT, AUTH or PIN, or ends in TOKEN, SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, APIKEY,
     * PRIVATEKEY or ACCESSKEY (plural too). {@code PWD} and {@code OLDPWD} themselves are not.
     */
    public static boolean secretName(String name) {
        if (name == null || isNever(name)) {
            return false;
        }
        for (String word : name.toUpperCase(Locale.ROOT).split("[_.\\-]+")) {
            if (SECRET_WORDS.contains(word) || SECRET_ENDING.matcher(word).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value of variable {@code name} is a known secret by the rule above. */
    public static boolean isSecret(String name, String value, Origin origin) {
        if (name == null || value == null || isNever(name)) {
            return false;
        }
        String v = value.strip();
        if (secretName(name)) {
            return v.length() >= MIN_NAMED && !COMMON_WORDS.contains(v.toLowerCase(Locale.ROOT)) && !existingPath(v);
        }
        return origin == Origin.WITHHELD && looksLikeCredential(v);
    }

    private static boolean isNever(String name) {
        return NEVER.contains(name) || name.startsWith("XDG_");
    }

    private static boolean looksLikeCredential(String v) {
        if (v.length() < MIN_UNNAMED || pathLike(v) || v.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int classes = (v.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (v.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (v.chars().anyMatch(Character::isDigit) ? 1 : 0);
        return classes >= 2 && entropy(v) >= MIN_ENTROPY;
    }

    private static boolean pathLike(String v) {
        return v.startsWith("/") || v.startsWith("~/") || v.startsWith("./") || v.startsWith("../");
    }

    private static boolean existingPath(String v) {
        if (!pathLike(v) && !v.equals("~")) {
            return false;
        }
        String expanded = v.startsWith("~") ? System.getProperty("user.home") + v.substring(1) : v;
        try {
            return Files.exists(Path.of(expanded));
        } catch (InvalidPathException | SecurityException e) {
            return false;
        }
    }

    /** Shannon entropy of the characters of {@code s}, in bits per character. */
    static double entropy(String s) {
        Map<Integer, Integer> counts = new HashMap<>();
        s.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int n = s.codePointCount(0, s.length());
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
