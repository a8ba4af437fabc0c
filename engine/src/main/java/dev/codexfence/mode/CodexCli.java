package dev.codexfence.mode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An installed codex CLI and the shape of its sandbox interface, as detected once per run.
 *
 * @param executable the codex launcher
 * @param version e.g. "0.169.0", or null when {@code --version} said nothing parsable
 * @param sandboxInterface which generation of the interface it has
 * @param profileFlag the long flag naming a permissions profile ("--permission-profile", …), or null
 * @param fullAuto whether {@code --full-auto} is still accepted
 * @param osWord the word older generations want after {@code sandbox} / {@code debug} ("linux", "macos",
 *     "landlock", "seatbelt")
 */
public record CodexCli(
        Path executable,
        String version,
        CodexInterface sandboxInterface,
        String profileFlag,
        boolean fullAuto,
        String osWord) {

    /**
     * The argv that runs {@code command} inside codex's sandbox under {@code profile}, with {@code workspace} as
     * working and writable root; empty with a reason when this generation cannot express the profile.
     */
    public Invocation invocation(CodexProfile profile, Path workspace, List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        switch (sandboxInterface) {
            case SANDBOX_PROFILE -> {
                argv.add("sandbox");
                if (profile.builtinProfile() != null && profileFlag != null) {
                    argv.add(profileFlag);
                    argv.add(profile.builtinProfile());
                    argv.add("-C");
                    argv.add(workspace.toString());
                } else {
                    configForm(profile, argv);
                }
                argv.add("--");
            }
            case SANDBOX_OS -> {
                argv.add("sandbox");
                argv.add(osWord);
                if (profile == CodexProfile.WORKSPACE && fullAuto) {
                    argv.add("--full-auto");
                } else if (profile == CodexProfile.WORKSPACE && profileFlag != null) {
                    argv.add(profileFlag);
                    argv.add(profile.builtinProfile());
                } else if (profile != CodexProfile.READ_ONLY) {
                    configForm(profile, argv);
                }
                argv.add("--");
            }
            case DEBUG -> {
                argv.add("debug");
                argv.add(osWord);
                if (profile == CodexProfile.WORKSPACE) {
                    if (!fullAuto) {
                        return Invocation.unsupported(this, profile);
                    }
                    argv.add("--full-auto");
                } else if (profile != CodexProfile.READ_ONLY) {
                    return Invocation.unsupported(this, profile);
                }
            }
        }
        argv.addAll(command);
        return new Invocation(Optional.of(List.copyOf(argv)), null);
    }

    private static void configForm(CodexProfile profile, List<String> argv) {
        argv.add("-c");
        argv.add("sandbox_mode=\"" + profile.sandboxMode() + "\"");
        if (profile.network()) {
            argv.add("-c");
            argv.add("sandbox_workspace_write.network_access=true");
        }
    }

    /** An argv, or the reason there is none. */
    public record Invocation(Optional<List<String>> argv, String unsupportedReason) {

        static Invocation unsupported(CodexCli cli, CodexProfile profile) {
            return new Invocation(Optional.empty(), "codex " + cli.version() + " (" + cli.sandboxInterface().id()
                    + " interface) cannot run a command under " + profile.recordedProfile());
        }
    }
}
