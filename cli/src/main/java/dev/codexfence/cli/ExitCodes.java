package dev.codexfence.cli;

/** The CLI's exit codes; {@code --help} lists them. */
final class ExitCodes {

    /** Every selected probe run honoured its contract (skipped runs do not count against it). */
    static final int OK = 0;
    /** A test failed: a probe broke its contract, a capability has no probe, or --listen saw a bad line. */
    static final int FAILED = 1;
    /** Bad flag, unknown id or mode, a probe id leaving the probe root. */
    static final int USAGE = 2;
    /** The configuration, the catalog or the installation cannot be used. */
    static final int CONFIGURATION = 3;
    /** Interrupted (SIGINT, SIGTERM) or stdout closed under the run. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
