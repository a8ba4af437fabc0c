package dev.codexfence.engine;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Every configuration key of the codex-fence engine. Keys are read from {@code junit-platform.properties},
 * Surefire's {@code configurationParameters}, the Console Launcher's {@code --config}, or {@code -D} system
 * properties. docs/engine.md lists them with defaults and examples.
 *
 * <p>This class is the list the engine checks configuration against ({@code ConfigurationKeys}, by
 * reflection): every {@code public static final String} whose value starts with {@code codex-fence.} is a
 * key, one whose name ends in {@code _PREFIX} a key prefix, one whose name ends in {@code _ENTRY_KEY} a report
 * entry key (not configuration). A {@code codex-fence.*} key that is none of these is reported as unknown.
 */
@API(status = STABLE, since = "0.1")
public final class Constants {

    /** The engine id (never starting with "junit-"). */
    public static final String ENGINE_ID = "codex-fence";

    /** Probe root folder used for classpath/package selectors and unique-id reruns. Default: {@code ./probes}, else {@code .}. */
    public static final String PROBES_ROOT = "codex-fence.probes.root";

    /**
     * Capability catalog file, in codex-fence's own shape or one of the foreign shapes the loader maps
     * ({@code macOS_codex_v1}, {@code sandbox_catalog_v1}; docs/capabilities.md). Default: the catalog bundled
     * in the engine jar.
     */
    public static final String CATALOG = "codex-fence.catalog";

    /**
     * A record-schema descriptor file in the shape of the original codex-fence's successor (a
     * {@code boundary_event_v1} envelope with its {@code key}). Optional; when given, its key must be
     * {@code cfbo-v1} or discovery fails. It changes nothing about the records (docs/capabilities.md).
     */
    public static final String BOUNDARY = "codex-fence.boundary";

    /** Comma-separated run modes. Default {@code baseline,codex-sandbox,codex-full}. */
    public static final String MODES = "codex-fence.modes";

    /** The codex CLI to use. Default: {@code codex} on PATH, else the project-local {@code .tools/codex} install. */
    public static final String CODEX_PATH = "codex-fence.codex.path";

    /**
     * Codex releases to run, installed on demand from npm into the per-user cache: comma or space separated specs,
     * each a version ({@code 0.169.0}), {@code latest}, a range ({@code 0.80.0..0.171.0}, {@code 0.80.0..latest}) or
     * a sampled range ({@code 0.80.0..0.171.0/8}: 8 stable releases evenly spaced, both ends included). Default: none
     * (the codex CLI of {@link #CODEX_PATH}). Not together with {@link #CODEX_PATH}.
     */
    public static final String CODEX_VERSIONS = "codex-fence.codex.versions";

    /**
     * One part of the matrix, {@code K/N}: of the selected tests (release × probe × mode cells, coverage and contract
     * tests) sorted by unique id, every {@code N}th from position {@code K}. Every test is in exactly one of the
     * {@code N} shards and their sizes differ by at most one (a {@code Shard}). Default: the whole selection.
     */
    public static final String SHARD = "codex-fence.shard";

    /** Per probe run timeout, in seconds (decimals allowed). Default 30. */
    public static final String TIMEOUT_SECONDS = "codex-fence.timeout.seconds";

    /** What a capability without a probe gives: {@code fail} (default) or {@code skip}. */
    public static final String MISSING_COVERAGE = "codex-fence.coverage.missing";

    /** Whether classpath-root and package selectors (IDE "run all") select the probe root. Default true. */
    public static final String CLASSPATH_SCAN = "codex-fence.discovery.classpath.enabled";

    /** Whether codex modes run a preflight before their probes. Default true. */
    public static final String PREFLIGHT = "codex-fence.preflight.enabled";

    /** Prefix of keys setting environment variables for probes: {@code codex-fence.probe.env.HOME=/tmp/fake}. */
    public static final String PROBE_ENV_PREFIX = "codex-fence.probe.env.";

    /** Outbound TCP target {@code host:port} handed to probes. Default: the harness's loopback listener. */
    public static final String NET_TARGET = "codex-fence.net.target";

    /**
     * Whether {@link #NET_TARGET} may name a host off this machine (anything but 127.0.0.0/8, ::1 and
     * {@code localhost}). Default false: an off-host target is refused, since outbound probes would send it
     * packets.
     */
    public static final String NET_TARGET_ALLOW_OFF_HOST = "codex-fence.net.target.allow-off-host";

    /** A folder holding emit-record and the other helpers, instead of the copy bundled in the jar. */
    public static final String RUNTIME_BIN = "codex-fence.runtime.bin";

    /**
     * Where runs make their private scratch folders (helpers, workspaces, fixtures). Default
     * {@code $XDG_CACHE_HOME/codex-fence}, else {@code ~/.cache/codex-fence} ({@code ~/Library/Caches/codex-fence} on
     * macOS). Refused under {@code /tmp}, {@code $TMPDIR} or {@code java.io.tmpdir} (sandboxed probes may write
     * there), and when another user owns it or group or others may write it.
     */
    public static final String SCRATCH_DIR = "codex-fence.scratch.dir";

    /**
     * Where the run's NDJSON file goes (made 0700; refused when another user owns it or group or others may write
     * it). Default: the platform's reporting output directory.
     */
    public static final String OUTPUT_DIR = "codex-fence.output.dir";

    /** Whether probes run in parallel. Default false. */
    public static final String PARALLEL_ENABLED = "codex-fence.execution.parallel.enabled";

    /** Prefix for the platform's parallel settings ({@code strategy}, {@code fixed.parallelism}, …). */
    public static final String PARALLEL_CONFIG_PREFIX = "codex-fence.execution.parallel.config.";

    /** The bash used to run probes. Default {@code bash} from PATH. */
    public static final String BASH = "codex-fence.bash";

    /** Whether records are checked against expectations (docs/fence-map.md). Default true. */
    public static final String EXPECTATIONS_ENABLED = "codex-fence.expectations.enabled";

    /** One expectations file to check every record against. Default: the folder's file for the detected stack. */
    public static final String EXPECTATIONS_FILE = "codex-fence.expectations.file";

    /** The folder of expectations files. Default {@code <fence.root>/expectations}, else {@code ./expectations}, else {@code ../expectations}. */
    public static final String EXPECTATIONS_DIR = "codex-fence.expectations.dir";

    /** What a run missing from the expectations, or an entry without a probe, gives: {@code warn} (default) or {@code fail}. */
    public static final String EXPECTATIONS_UNLISTED = "codex-fence.expectations.unlisted";

    /** Write the fence map (HTML) here at the end of a run; a relative path is taken next to the NDJSON file. */
    public static final String REPORT_FILE = "codex-fence.report.file";

    /** Jupiter extension only: what a policy test whose mode cannot run here gives, {@code abort} (default) or {@code fail}. */
    public static final String JUNIT_UNAVAILABLE = "codex-fence.junit.unavailable";

    /**
     * Prefix of the system properties the CLI's launcher script passes to the CLI itself (terminal detection,
     * {@code codex-fence.cli.stderr.tty}); the engine does not read them.
     */
    public static final String CLI_PROPERTY_PREFIX = "codex-fence.cli.";

    /** Report entry key carrying a record's compact JSON. */
    public static final String RECORD_ENTRY_KEY = "cfbo";

    /** Report entry key carrying the path of the run's NDJSON file (published on the engine). */
    public static final String NDJSON_ENTRY_KEY = "codex-fence.ndjson";

    /** Report entry key, next to {@link #NDJSON_ENTRY_KEY} in the same entry: how many records the file holds. */
    public static final String NDJSON_RECORDS_ENTRY_KEY = "codex-fence.ndjson.records";

    /**
     * Report entry key of what a user must hear of while the run goes on (published on the engine), e.g. that a
     * codex release is being installed from npm.
     */
    public static final String NOTE_ENTRY_KEY = "codex-fence.note";

    /** Report entry key of expectation notes (on tests) and of the expectations summary (on the engine). */
    public static final String EXPECTATIONS_ENTRY_KEY = "codex-fence.expectations";

    /** Report entry key carrying the path of the fence map written at the end of the run (on the engine). */
    public static final String REPORT_ENTRY_KEY = "codex-fence.report";

    private Constants() {}
}
