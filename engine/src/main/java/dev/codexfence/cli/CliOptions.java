package dev.codexfence.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line, as picocli parses it; {@link CodexFenceCli} checks combinations and runs it. */
@Command(
        name = "codex-fence",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        headerHeading = "%n",
        header = "Run codex-fence probes in each run mode and stream one cfbo-v1 record per probe run.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "codex-fence --bang [--list] [--repeat N] [--codex-version V]... [--shard K/N] [OPTIONS]",
            "       codex-fence --rattle (--cap ID | --probe ID)... [--mode M]... [--list] [--repeat N] [--shard K/N] [OPTIONS]",
            "       codex-fence --listen < records.ndjson",
            "       codex-fence --diff OLD.ndjson NEW.ndjson [--json]",
            "       codex-fence --diff --between OLD_RELEASE NEW_RELEASE IN.ndjson... [--json]",
            "       codex-fence --history [--json] [IN.ndjson...]",
            "       codex-fence --report OUT.html [IN.ndjson...]",
        },
        descriptionHeading = "%n",
        description = {
            "Probes are Bash scripts (<probe root>/*.sh) that try one operation and report what the fence decided."
                    + " The CLI runs them through the codex-fence JUnit Platform engine: each probe in each mode"
                    + " (baseline = no sandbox, codex-sandbox, codex-full, ...) is one test whose result is a cfbo-v1"
                    + " record. Records stream to stdout as NDJSON, one line each, as soon as a probe finishes;"
                    + " everything else (progress, warnings, failures, the summary, the path of the run's NDJSON file)"
                    + " goes to stderr, so `codex-fence --bang | codex-fence --listen` works as a pipeline.",
            "",
            "Codex modes need the codex CLI (on PATH, in .tools/codex, or --codex PATH); without it they are"
                    + " skipped with the reason on stderr and print no record.",
        },
        optionListHeading = "%nCommands (exactly one) and options:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected probe run honoured its contract (skipped runs do not count)",
            "1:some probe broke its contract or a capability has no probe (a failed test);"
                    + " --listen: a line was not a valid cfbo-v1 record",
            "2:usage error: bad flag or option value, unknown capability/probe id, mode or codex-fence.* key,"
                    + " a probe id leaving the probe root",
            "3:configuration or catalog error (e.g. a broken catalog file; the loader's message is printed)",
            "130:interrupted (Ctrl-C, SIGTERM): running probes are killed, records so far are flushed",
            "",
            "--diff and --history: 0 no change, 1 a change (--history: or records of one release that disagree),"
                    + " 2 bad input (every bad line is listed with file and line)",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  MODES                 modes to run, space or comma separated; --mode wins",
            "                        (default: baseline codex-sandbox codex-full)",
            "  CODEX_FENCE_PROBES    probe root (like --probes)",
            "  CODEX_FENCE_CATALOG   capability catalog (like --catalog)",
            "  CODEX_FENCE_BOUNDARY  record-schema descriptor (like --boundary)",
            "  JAVA_OPTS             extra JVM options for bin/codex-fence",
            "",
            "Examples:",
            "  codex-fence --bang                                   full matrix, NDJSON on stdout",
            "  MODES=baseline codex-fence -b > baseline.ndjson      baseline only, into a file",
            "  codex-fence --bang | codex-fence --listen            run everything and read a summary",
            "  codex-fence --bang --list                            what the full matrix would run",
            "  codex-fence --rattle --cap cap_fs_write_user_home    the probes of one capability",
            "  codex-fence --rattle --probe fs_read_etc_hosts --mode baseline --mode codex-sandbox",
            "  codex-fence --rattle --probe fs_write_tmp_scratch --repeat 5 --mode baseline",
            "  codex-fence --listen < run.ndjson                    summarise a saved run",
            "  codex-fence --diff yesterday.ndjson today.ndjson     what changed in the fence",
            "  codex-fence --history shards/*.ndjson                what changed from release to release",
            "  codex-fence --diff --between 0.80.0 0.120.0 shards/*.ndjson   two releases among many runs",
            "  codex-fence --report map.html run.ndjson             the capability x mode picture",
            "  codex-fence --bang --record-expectations             record this stack's expectations",
            "  codex-fence -l < run.ndjson; echo $?                 1 when a line is not a cfbo-v1 record",
            "  codex-fence -b --probes ./my-probes --catalog ./my-catalog.json --timeout 10 --parallel 4",
            "  codex-fence -b --codex-version 0.80.0 --codex-version 0.171.0 --shard 2/4   releases side by side, part 2 of 4",
        })
final class CliOptions {

    @Option(names = {"-b", "--bang"}, description = "Run the full matrix: every probe of the probe root in every mode,"
            + " plus a failing coverage test for each capability without a probe.")
    boolean bang;

    @Option(names = {"-r", "--rattle"}, description = "Run a targeted subset: the probes named by --probe and the"
            + " probes whose primary capability is a --cap (no coverage tests).")
    boolean rattle;

    @Option(names = {"-l", "--listen"}, description = "Read cfbo-v1 NDJSON on stdin and print a human summary;"
            + " bad lines are reported with their line number.")
    boolean listen;

    @Option(names = "--diff", description = "Compare two NDJSON runs OLD NEW: what appeared, disappeared and changed,"
            + " grouped by capability (exit 0 equal, 1 different, 2 bad input).")
    boolean diff;

    @Option(names = "--between", arity = "2", paramLabel = "RELEASE", description = "With --diff: compare the"
            + " records of two codex releases (OLD NEW, e.g. --between 0.80.0 0.120.0) among any number of NDJSON"
            + " files, host by host, duplicates merged as --history merges them.")
    List<String> between = new ArrayList<>();

    @Option(names = "--history", description = "Read NDJSON files (or standard input) of runs with several codex"
            + " releases, hosts and shards, merged, and print per host where each probe x mode's result or errno"
            + " changed between releases, with a summary per release step (exit 0 no change, 1 changes or records"
            + " that disagree, 2 bad input).")
    boolean history;

    @Option(names = "--json", description = "With --diff or --history: print JSON.")
    boolean json;

    @Option(names = "--report", paramLabel = "OUT.html", description = "Write the fence map (one self-contained HTML"
            + " file) of the NDJSON files given as arguments, or of standard input.")
    Path report;

    @Option(names = "--record-expectations", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "With --bang or --rattle: write the run's results as the expectations of its stack, to FILE"
                    + " or to the expectations folder (docs/fence-map.md). The drift check is off for that run.")
    String recordExpectations;

    @picocli.CommandLine.Parameters(paramLabel = "FILE", arity = "0..*",
            description = "NDJSON inputs of --diff (OLD NEW, or any number with --between), --history and --report.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--cap", paramLabel = "ID", split = ",",
            description = "With --rattle: a capability id of the catalog (repeatable).")
    List<String> caps = new ArrayList<>();

    @Option(names = "--probe", paramLabel = "ID", split = ",",
            description = "With --rattle: a probe id, the file name in the probe root without .sh (repeatable).")
    List<String> probes = new ArrayList<>();

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", split = ",",
            description = "A run mode (repeatable; default: $MODES, else baseline, codex-sandbox, codex-full)."
                    + " Known: baseline, codex-sandbox, codex-full, codex-read-only, codex-workspace-net.")
    List<String> modes = new ArrayList<>();

    @Option(names = "--list", description = "Print what would run (probe id, mode, capability) without running it.")
    boolean list;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the selection N times, 1 to 1000; the records of every repetition are streamed (default 1).")
    int repeat;

    @Option(names = "--probes", paramLabel = "DIR",
            description = "Probe root (default: $CODEX_FENCE_PROBES, else the install's probes folder,"
                    + " else the folder probes in the working directory).")
    Path probesDir;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Capability catalog (default: $CODEX_FENCE_CATALOG, else the catalog bundled in the engine):"
                    + " codex-fence's own format, or a catalog of the original codex-fence (schema_version"
                    + " macOS_codex_v1) or of its successor (sandbox_catalog_v1). Records carry its identity"
                    + " (schema_version; catalog.key for sandbox_catalog_v1) as capabilities_schema_version.")
    Path catalog;

    @Option(names = "--boundary", paramLabel = "FILE",
            description = "A record-schema descriptor as the original's successor takes it (default:"
                    + " $CODEX_FENCE_BOUNDARY). Accepted only when its key is cfbo-v1; records stay codex-fence's"
                    + " cfbo-v1 records either way.")
    Path boundary;

    @Option(names = "--codex", paramLabel = "PATH", description = "The codex CLI for codex modes.")
    Path codex;

    @Option(names = "--codex-version", paramLabel = "V", split = ",",
            description = "A codex release for the codex modes, installed on demand from npm into the per-user cache"
                    + " (repeatable): 0.169.0, latest, a range 0.80.0..0.171.0 or 0.80.0..latest, or a sampled range"
                    + " 0.80.0..0.171.0/8 (8 releases evenly spaced, both ends included). Not with --codex."
                    + " With several releases, each runs the codex modes under a node of its own; baseline runs once.")
    List<String> codexVersions = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "K/N", description = "Run part K of N of the selection: its tests (codex"
            + " release x probe x mode, coverage) sorted by unique id, every Nth from the Kth. The N parts are disjoint,"
            + " cover the selection and differ in size by at most one, so N CI jobs running 1/N .. N/N run it all.")
    String shard;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per probe run timeout: greater than 0 and at most"
            + " 86400, decimals allowed (default 30).")
    String timeout;

    @Option(names = "--output", paramLabel = "DIR", description = "Where the run's NDJSON file goes (default:"
            + " reports in codex-fence's cache folder, ~/.cache/codex-fence/reports on Linux); its path is printed on"
            + " stderr at the end. The folder is made private (0700); one another user owns, or that group or others"
            + " may write, is refused.")
    Path output;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Run up to N probes at the same time, 1 to 64 (default 1). Records stream in completion order.")
    int parallel;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "Any engine configuration parameter (repeatable), for example"
                    + " -c codex-fence.coverage.missing=skip to skip capabilities that have no probe."
                    + " An unknown codex-fence.* key is a usage error.")
    Map<String, String> config = new LinkedHashMap<>();
}
