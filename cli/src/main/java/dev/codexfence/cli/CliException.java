package dev.codexfence.cli;

/** A problem that ends the command with a one-line message on stderr and an exit code. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad flag, unknown id or mode, a path leaving the probe root: exit 2. */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, null);
    }

    /** A configuration or catalog that cannot be used: exit 3. */
    static CliException configuration(String message, Throwable cause) {
        return new CliException(ExitCodes.CONFIGURATION, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
