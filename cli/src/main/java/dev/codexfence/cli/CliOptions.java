package dev.codexfence.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code codex-fence} command itself: its help, its version and its subcommands ({@link CodexFenceCli} adds
 * them). Named without a command it is a usage error.
 */
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
            "codex-fence COMMAND [OPTIONS] [ARGUMENTS]        (codex-fence COMMAND --help: its options)",
            "       codex-fence --bang | --rattle | --listen | --diff | --history | --report OUT.html  [OPTIONS]",
            "                                                  (the original tool's spellings, still accepted)",
        },
        descriptionHeading = "%n",
        description = {
            "Probes are Bash scripts (<probe root>/*.sh) that try one operation and report what the fence decided."
                    + " The CLI runs them through the codex-fence JUnit Platform engine: each probe in each mode"
                    + " (baseline = no sandbox, codex-sandbox, codex-full, ...) is one test whose result is a cfbo-v1"
                    + " record. Records stream to stdout as NDJSON, one line each, as soon as a probe finishes;"
                    + " everything else (progress, warnings, failures, the summary, the path of the run's NDJSON file)"
                    + " goes to stderr, so `codex-fence bang | codex-fence listen` works as a pipeline.",
            "",
            "bang, rattle and list select tests as Maven does: a probe root is a directory selector, --probe a file"
                    + " selector, --cap and --tag the tag filter of mvn test -Dgroups (docs/engine.md, \"The CLI\").",
            "",
            "Codex modes need the codex CLI (on PATH, in .tools/codex, or --codex PATH); without it they are"
                    + " skipped with the reason on stderr and print no record.",
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands (the flags after a name are the original tool's spellings of it):%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected probe run honoured its contract (skipped runs do not count)",
            "1:some probe broke its contract or a capability has no probe (a failed test);"
                    + " listen: a line was not a valid cfbo-v1 record",
            "2:usage error: bad command, flag or option value, unknown capability/probe id, mode or codex-fence.*"
                    + " key, a probe id leaving the probe root, a --cap or --tag that selects nothing",
            "3:configuration or catalog error (e.g. a broken catalog file; the loader's message is printed)",
            "130:interrupted (Ctrl-C, SIGTERM): running probes are killed, records so far are flushed",
            "",
            ":diff and history exit 0 without a change, 1 with one, 2 on bad input (codex-fence diff --help)",
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
            "  codex-fence bang                                     full matrix, NDJSON on stdout",
            "  MODES=baseline codex-fence bang > baseline.ndjson    baseline only, into a file",
            "  codex-fence bang | codex-fence listen                run everything and read a summary",
            "  codex-fence --bang | codex-fence --listen            the same, as the original tool spells it",
            "  codex-fence list                                     what the full matrix would run",
            "  codex-fence rattle --cap cap_fs_write_user_home      the tests of one capability",
            "  codex-fence rattle --probe fs_read_etc_hosts --mode baseline --mode codex-sandbox",
            "  codex-fence rattle --tag 'network & codex-sandbox'   a tag expression, as mvn -Dgroups takes it",
            "  codex-fence listen < run.ndjson                      summarise a saved run",
            "  codex-fence diff yesterday.ndjson today.ndjson       what changed in the fence",
            "  codex-fence history shards/*.ndjson                  what changed from release to release",
            "  codex-fence report map.html run.ndjson               the capability x mode picture",
            "  codex-fence bang --record-expectations               record this stack's expectations",
            "  codex-fence bang --codex-version 0.80.0,0.171.0 --shard 2/4   releases side by side, part 2 of 4",
            "  codex-fence help rattle                              the options of one command",
        })
final class CliOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a command: a usage error that names them. */
    @Override
    public Integer call() {
        throw CliException.usage(LegacySpellings.of(spec.commandLine()).chooseOne());
    }
}
