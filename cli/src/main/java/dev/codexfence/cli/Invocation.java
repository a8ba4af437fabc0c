package dev.codexfence.cli;

/**
 * What every command of one invocation shares: its streams and environment, and how the command line named the
 * command, so that messages name commands the same way ({@code --rattle needs …} after {@code codex-fence --rattle},
 * {@code rattle needs …} after {@code codex-fence rattle}). The spelling is known once the command line is read,
 * after the commands are made; {@link #spelled} sets it then.
 */
final class Invocation {

    private final CliIo io;
    private LegacySpellings spellings = new LegacySpellings(java.util.List.of());
    private boolean legacy;

    Invocation(CliIo io) {
        this.io = io;
    }

    CliIo io() {
        return io;
    }

    /** Records how the command line named its command. */
    void spelled(LegacySpellings spellings, boolean legacy) {
        this.spellings = spellings;
        this.legacy = legacy;
    }

    /** {@code command} as messages name it: {@code --rattle} or {@code rattle}. */
    String spell(String command) {
        return spellings.spell(command, legacy);
    }
}
