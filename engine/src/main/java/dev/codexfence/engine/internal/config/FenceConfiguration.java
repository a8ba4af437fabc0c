package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.Constants;
import dev.codexfence.engine.internal.expect.ExpectationSettings;
import dev.codexfence.engine.internal.expect.UnlistedPolicy;
import dev.codexfence.engine.internal.mode.ModeCatalog;
import dev.codexfence.engine.internal.release.VersionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's configuration, read once and checked: a bad value fails fast with a message naming the key
 * and what was expected.
 */
@API(status = INTERNAL, since = "0.1")
public record FenceConfiguration(
        Optional<Path> probesRoot,
        Optional<Path> catalog,
        Optional<Path> boundary,
        List<String> modes,
        Optional<Path> codexPath,
        List<VersionSpec> codexVersions,
        Duration timeout,
        boolean failMissingCoverage,
        boolean classpathScan,
        boolean preflight,
        Map<String, String> probeEnvironment,
        Optional<String> netTarget,
        Optional<Path> runtimeBin,
        Optional<Path> outputDir,
        String bash,
        ExpectationSettings expectations,
        Optional<Path> reportFile,
        Optional<Path> scratchDir,
        Optional<Shard> shard) {

    public static FenceConfiguration from(ConfigurationParameters params) {
        List<String> modes = ModeCatalog.DEFAULT_MODES;
        Optional<String> modeText = params.get(Constants.MODES);
        if (modeText.isPresent()) {
            modes = new ArrayList<>();
            for (String m : modeText.get().split("[,\\s]+")) {
                if (m.isBlank()) {
                    continue;
                }
                if (!ModeCatalog.knownModes().contains(m)) {
                    throw new ConfigurationException(Constants.MODES, modeText.get(), ModeCatalog.unknown(m));
                }
                if (!modes.contains(m)) {
                    modes.add(m);
                }
            }
            if (modes.isEmpty()) {
                throw new ConfigurationException(Constants.MODES, modeText.get(), "names no mode");
            }
        }
        Duration timeout = Duration.ofSeconds(30);
        Optional<String> timeoutText = params.get(Constants.TIMEOUT_SECONDS);
        if (timeoutText.isPresent()) {
            timeout = parseTimeout(timeoutText.get())
                    .orElseThrow(() -> new ConfigurationException(
                            Constants.TIMEOUT_SECONDS, timeoutText.get(), "expected " + TIMEOUT_BOUNDS));
        }
        String missing = params.get(Constants.MISSING_COVERAGE).orElse("fail").strip();
        if (!missing.equals("fail") && !missing.equals("skip")) {
            throw new ConfigurationException(Constants.MISSING_COVERAGE, missing, "expected fail or skip");
        }
        Optional<String> net = params.get(Constants.NET_TARGET).map(String::strip);
        boolean offHost = bool(params, Constants.NET_TARGET_ALLOW_OFF_HOST, false);
        if (net.isPresent()) {
            NetTarget target = NetTarget.parse(net.get())
                    .orElseThrow(() -> new ConfigurationException(
                            Constants.NET_TARGET,
                            net.get(),
                            "expected host:port (an IPv4 dotted quad, [IPv6] or a name;" + " port 1 to 65535)"));
            if (!target.loopback() && !offHost) {
                throw new ConfigurationException(
                        Constants.NET_TARGET,
                        net.get(),
                        "not on this machine (loopback is"
                                + " 127.0.0.0/8, [::1] or localhost); outbound probes would send it packets: set "
                                + Constants.NET_TARGET_ALLOW_OFF_HOST + "=true to allow that");
            }
        }
        String bash = params.get(Constants.BASH)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse("bash");
        ExecutableLookup.problem(bash, System.getenv("PATH")).ifPresent(problem -> {
            throw new ConfigurationException(Constants.BASH, bash, "cannot run probes with it: " + problem);
        });
        boolean parallel = bool(params, Constants.PARALLEL_ENABLED, false);
        ParallelSettings.check(params, parallel);
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : params.keySet()) {
            if (key.startsWith(Constants.PROBE_ENV_PREFIX)) {
                String name = key.substring(Constants.PROBE_ENV_PREFIX.length());
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ConfigurationException(
                            key, params.get(key).orElse(""), "not a valid environment variable name");
                }
                env.put(name, params.get(key).orElse(""));
            }
        }
        return new FenceConfiguration(
                path(params, Constants.PROBES_ROOT),
                path(params, Constants.CATALOG),
                path(params, Constants.BOUNDARY),
                List.copyOf(modes),
                path(params, Constants.CODEX_PATH),
                codexVersions(params),
                timeout,
                missing.equals("fail"),
                bool(params, Constants.CLASSPATH_SCAN, true),
                bool(params, Constants.PREFLIGHT, true),
                Map.copyOf(env),
                net,
                path(params, Constants.RUNTIME_BIN),
                path(params, Constants.OUTPUT_DIR),
                bash,
                expectations(params),
                params.get(Constants.REPORT_FILE)
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(s -> {
                            try {
                                return Path.of(s); // relative: next to the NDJSON file, resolved when the run ends
                            } catch (RuntimeException e) {
                                throw new ConfigurationException(Constants.REPORT_FILE, s, "not a valid path");
                            }
                        }),
                path(params, Constants.SCRATCH_DIR),
                shard(params));
    }

    /** {@link Constants#SHARD}: {@code K/N}, or empty when not set. */
    private static Optional<Shard> shard(ConfigurationParameters params) {
        Optional<String> text = params.get(Constants.SHARD).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Shard.parse(text.get())
                .orElseThrow(() -> new ConfigurationException(Constants.SHARD, text.get(), "expected " + Shard.FORM)));
    }

    /** The most probe runs at the same time (CLI {@code --parallel}, the platform's parallel settings). */
    public static final int MAX_PARALLELISM = ParallelSettings.MAX_PARALLELISM;

    /** The most seconds a probe run may be given. */
    public static final int MAX_TIMEOUT_SECONDS = 86_400;

    /** The timeout's bounds, as messages state them. */
    public static final String TIMEOUT_BOUNDS = "a number of seconds greater than 0 and at most " + MAX_TIMEOUT_SECONDS;

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("^(\\d+(\\.\\d*)?|\\.\\d+)$");

    /**
     * A timeout in seconds (decimals allowed, e.g. {@code 2.5}) within {@link #TIMEOUT_BOUNDS}, at least 1 ms;
     * empty for anything else.
     */
    public static Optional<Duration> parseTimeout(String text) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches() || t.length() > 32) {
            return Optional.empty();
        }
        java.math.BigDecimal seconds = new java.math.BigDecimal(t);
        if (seconds.signum() <= 0 || seconds.compareTo(java.math.BigDecimal.valueOf(MAX_TIMEOUT_SECONDS)) > 0) {
            return Optional.empty();
        }
        long millis = seconds.movePointRight(3)
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
        return Optional.of(Duration.ofMillis(Math.max(1, millis)));
    }

    /** {@link Constants#CODEX_VERSIONS}: checked specs, in order; empty when not set. */
    private static List<VersionSpec> codexVersions(ConfigurationParameters params) {
        Optional<String> text =
                params.get(Constants.CODEX_VERSIONS).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return List.of();
        }
        if (params.get(Constants.CODEX_PATH).filter(s -> !s.isBlank()).isPresent()) {
            throw new ConfigurationException(
                    Constants.CODEX_VERSIONS,
                    text.get(),
                    "names codex releases while " + Constants.CODEX_PATH + " names one codex CLI: choose one of them");
        }
        try {
            return VersionSpec.parseList(text.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Constants.CODEX_VERSIONS, text.get(), e.getMessage());
        }
    }

    private static ExpectationSettings expectations(ConfigurationParameters params) {
        String unlisted = params.get(Constants.EXPECTATIONS_UNLISTED).orElse("warn");
        UnlistedPolicy policy;
        try {
            policy = UnlistedPolicy.parse(unlisted);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Constants.EXPECTATIONS_UNLISTED, unlisted, e.getMessage());
        }
        return new ExpectationSettings(
                bool(params, Constants.EXPECTATIONS_ENABLED, true),
                path(params, Constants.EXPECTATIONS_FILE),
                path(params, Constants.EXPECTATIONS_DIR),
                policy);
    }

    private static Optional<Path> path(ConfigurationParameters params, String key) {
        return params.get(key).map(String::strip).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return Path.of(s).toAbsolutePath().normalize();
            } catch (RuntimeException e) {
                throw new ConfigurationException(key, s, "not a valid path");
            }
        });
    }

    private static boolean bool(ConfigurationParameters params, String key, boolean fallback) {
        Optional<String> text = params.get(key).map(String::strip);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, text.get(), "expected true or false");
        };
    }
}
