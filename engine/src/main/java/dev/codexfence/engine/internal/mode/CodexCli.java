package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An installed codex CLI and the shape of its sandbox interface, as detected once per run.
 *
 * @param launcher how it is started (its native binary when found)
 * @param version e.g. "0.169.0" as {@code codex --version} says it, or null when it said nothing parsable
 * @param sandboxInterface which generation of the interface it has
 * @param options what that interface accepts
 */
@API(status = INTERNAL, since = "0.1")
public record CodexCli(
        CodexLauncher launcher, String version, CodexInterface sandboxInterface, SandboxOptions options) {

    /** The environment policy the debug generation is given (see {@link #invocation}). */
    public static final String INHERIT_ALL = "shell_environment_policy.inherit=all";

    /** What is executed: the native binary, or the launcher as installed. */
    public Path executable() {
        return launcher.program();
    }

    /** The long flag naming a permissions profile, or null. */
    public String profileFlag() {
        return options.profileFlag();
    }

    /** The environment codex gets, from the one codex-fence would give the launcher. */
    public Map<String, String> environment(Map<String, String> base) {
        return launcher.environment(base);
    }

    /**
     * The argv that runs {@code command} inside codex's sandbox under {@code profile}, with {@code workspace} as
     * working and writable root (the process must also start in {@code workspace}: releases without {@code -C} take
     * their working directory as the workspace); empty with a reason when this release cannot express the profile.
     * docs/engine.md has the table of what each generation gets.
     */
    public Invocation invocation(CodexProfile profile, Path workspace, List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add(executable().toString());
        argv.addAll(options.subcommand());
        if (sandboxInterface == CodexInterface.DEBUG && options.flags().contains("--config")) {
            // 0.1.x and 0.8.0 hand the command only HOME, PATH, SHELL, … by default, which drops the harness's FENCE_*
            // variables; this is what 0.20 to 0.45 do anyway (measured: the same environment with and without it)
            argv.add("-c");
            argv.add(INHERIT_ALL);
        }
        Optional<String> why = switch (sandboxInterface) {
            case SANDBOX_PROFILE -> profileGeneration(profile, workspace, argv);
            case SANDBOX_OS, DEBUG ->
                options.fullAuto() ? fullAutoGeneration(profile, argv) : profileGeneration(profile, workspace, argv);
        };
        if (why.isPresent()) {
            return new Invocation(
                    Optional.empty(),
                    "codex " + version + " (" + sandboxInterface.id() + " interface, `codex "
                            + String.join(" ", options.subcommand()) + "`) cannot run a command under "
                            + profile.recordedProfile()
                            + ": " + why.get());
        }
        argv.add("--");
        argv.addAll(command);
        return new Invocation(Optional.of(List.copyOf(argv)), null);
    }

    /** 0.128 on: a built-in profile by name where there is one, else the config form, which these releases honour. */
    private Optional<String> profileGeneration(CodexProfile profile, Path workspace, List<String> argv) {
        boolean builtin = profile.builtinProfile() != null
                && options.profileFlag() != null
                && (profile != CodexProfile.FULL_ACCESS || sandboxInterface == CodexInterface.SANDBOX_PROFILE);
        if (builtin) {
            argv.add(options.profileFlag());
            argv.add(profile.builtinProfile());
            if (options.cd()) {
                argv.add("-C"); // requires a profile; without one the working directory is the workspace anyway
                argv.add(workspace.toString());
            }
            return Optional.empty();
        }
        if (!options.configDecidesPolicy()) {
            return Optional.of("it has neither a built-in profile for it nor a -c sandbox_mode that it honours");
        }
        configForm(profile, argv);
        return Optional.empty();
    }

    /**
     * To 0.125: the policy is read-only unless {@code --full-auto} (workspace-write) is given; {@code -c sandbox_mode}
     * is ignored, {@code -c sandbox_workspace_write.network_access=true} is honoured. 0.1.x also takes {@code -s}.
     */
    private Optional<String> fullAutoGeneration(CodexProfile profile, List<String> argv) {
        if (options.sandboxPermission()) {
            switch (profile) {
                case READ_ONLY -> argv.addAll(List.of("-s", "disk-full-read-access"));
                case WORKSPACE -> argv.add("--full-auto");
                case WORKSPACE_NETWORK ->
                    argv.addAll(List.of(
                            "-s", "disk-full-read-access", "-s", "disk-write-cwd", "-s", "network-full-access"));
                case FULL_ACCESS ->
                    argv.addAll(List.of(
                            "-s",
                            "disk-full-read-access",
                            "-s",
                            "disk-full-write-access",
                            "-s",
                            "network-full-access"));
            }
            return Optional.empty();
        }
        switch (profile) {
            case READ_ONLY -> {} // the default, set by the CLI itself whatever the user's config says
            case WORKSPACE -> argv.add("--full-auto");
            case WORKSPACE_NETWORK -> {
                argv.add("--full-auto");
                argv.add("-c");
                argv.add("sandbox_workspace_write.network_access=true");
            }
            case FULL_ACCESS -> {
                return Optional.of("it only offers read-only and --full-auto (it ignores -c sandbox_mode)");
            }
        }
        return Optional.empty();
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
    public record Invocation(Optional<List<String>> argv, String unsupportedReason) {}
}
