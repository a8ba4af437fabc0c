package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.Constants;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.junit.platform.engine.support.hierarchical.DefaultParallelExecutionConfigurationStrategy;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;

/**
 * The {@code codex-fence.*} configuration keys the engine knows, read by reflection from {@link Constants}
 * (so a key added there is known at once), and what to say about a key it does not know: its closest known
 * key. Keys under {@link Constants#PARALLEL_CONFIG_PREFIX} are checked against the platform's own parallel
 * settings, read the same way from its public constants.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurationKeys {

    /** Every key starts with this. */
    public static final String NAMESPACE = "codex-fence.";

    private static final ConfigurationKeys KNOWN = fromConstants();

    private final Set<String> keys;
    private final Set<String> prefixes;
    private final Set<String> parallelKeys;

    ConfigurationKeys(Set<String> keys, Set<String> prefixes, Set<String> parallelKeys) {
        this.keys = Set.copyOf(keys);
        this.prefixes = Set.copyOf(prefixes);
        this.parallelKeys = Set.copyOf(parallelKeys);
    }

    /** The keys of {@link Constants}. */
    public static ConfigurationKeys known() {
        return KNOWN;
    }

    private static ConfigurationKeys fromConstants() {
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String[] c : stringConstants(Constants.class)) {
            String name = c[0];
            String value = c[1];
            if (!value.startsWith(NAMESPACE) || name.endsWith("_ENTRY_KEY")) {
                continue;
            }
            (name.endsWith("_PREFIX") ? prefixes : keys).add(value);
        }
        Set<String> parallel = new TreeSet<>();
        for (Class<?> platform : List.of(
                DefaultParallelExecutionConfigurationStrategy.class,
                ParallelHierarchicalTestExecutorServiceFactory.class)) {
            for (String[] c : stringConstants(platform)) {
                if (c[0].endsWith("_PROPERTY_NAME")) {
                    parallel.add(Constants.PARALLEL_CONFIG_PREFIX + c[1]);
                }
            }
        }
        return new ConfigurationKeys(keys, prefixes, parallel);
    }

    /** {name, value} of every {@code public static final String} field of {@code type}. */
    private static List<String[]> stringConstants(Class<?> type) {
        List<String[]> constants = new ArrayList<>();
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                try {
                    constants.add(new String[] {f.getName(), (String) f.get(null)});
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + type.getName() + "." + f.getName(), e);
                }
            }
        }
        return constants;
    }

    /** The full keys, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(keys);
    }

    /** The key prefixes ({@code codex-fence.probe.env.}, …), sorted. */
    public Set<String> prefixes() {
        return new TreeSet<>(prefixes);
    }

    /** Whether {@code key} is a key of the engine (outside the {@code codex-fence.} namespace: always). */
    public boolean isKnown(String key) {
        if (!key.startsWith(NAMESPACE) || keys.contains(key)) {
            return true;
        }
        if (key.startsWith(Constants.PARALLEL_CONFIG_PREFIX)) {
            return parallelKeys.contains(key);
        }
        return prefixes.stream().anyMatch(p -> key.startsWith(p) && key.length() > p.length());
    }

    /** One message per unknown {@code codex-fence.*} key among {@code given}, sorted by key. */
    public List<String> unknown(Collection<String> given) {
        List<String> messages = new ArrayList<>();
        for (String key : new TreeSet<>(given)) {
            if (!isKnown(key)) {
                messages.add(describeUnknown(key));
            }
        }
        return messages;
    }

    /** "unknown configuration key X (did you mean Y?); it would be ignored — docs/engine.md lists the keys". */
    public String describeUnknown(String key) {
        String hint = closest(key).map(k -> " (did you mean " + k + "?)").orElse("");
        return "unknown configuration key " + key + hint + "; it would be ignored (docs/engine.md lists the keys)";
    }

    /** The known key (or prefix, as {@code prefix…}) nearest to {@code key} by edit distance. */
    public Optional<String> closest(String key) {
        List<String> candidates = new ArrayList<>(keys);
        if (key.startsWith(Constants.PARALLEL_CONFIG_PREFIX)) {
            candidates = new ArrayList<>(parallelKeys);
        } else {
            for (String p : prefixes) {
                candidates.add(p);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(key, c);
            if (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(prefixes.contains(best) ? best + "…" : best);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
