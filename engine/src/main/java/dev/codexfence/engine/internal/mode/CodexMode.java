package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/** Runs the probe through the real codex CLI's sandbox under one policy. */
@API(status = INTERNAL, since = "0.1")
public final class CodexMode implements RunMode {

    private final String name;
    private final CodexProfile profile;
    private final CodexCli cli;
    private final String unavailable;
    private final String bash;

    /**
     * @param cli the detected CLI, or null when none was found
     * @param problem why no CLI is usable (when {@code cli} is null)
     */
    public CodexMode(String name, CodexProfile profile, CodexCli cli, String problem, String bash) {
        this.name = name;
        this.profile = profile;
        this.cli = cli;
        this.bash = bash;
        if (cli == null) {
            this.unavailable = problem;
        } else {
            this.unavailable = cli.invocation(profile, Path.of("/"), List.of()).unsupportedReason();
        }
    }

    @Override
    public String name() {
        return name;
    }

    public CodexProfile profile() {
        return profile;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public List<String> argv(Path probe, Path workspace) {
        return cli.invocation(profile, workspace, List.of(bash, probe.toString()))
                .argv()
                .orElseThrow(() -> new IllegalStateException(unavailable));
    }

    /** The detected CLI, or null when there is none. */
    public CodexCli cli() {
        return cli;
    }

    @Override
    public Map<String, String> environment(Map<String, String> base) {
        return cli == null ? base : cli.environment(base);
    }

    @Override
    public Optional<List<String>> preflight(Path workspace) {
        List<String> check = new ArrayList<>(List.of("/bin/sh", "-c"));
        if (profile == CodexProfile.READ_ONLY) {
            check.add("exit 0");
        } else {
            check.add("d=$(mktemp -d \"$1/.codex-fence-preflight.XXXXXX\") && rmdir \"$d\"");
            check.add("preflight");
            check.add(workspace.toString());
        }
        return cli.invocation(profile, workspace, check).argv();
    }

    @Override
    public String codexProfile() {
        return profile.recordedProfile();
    }

    @Override
    public String sandboxMode() {
        return profile.sandboxMode();
    }

    @Override
    public String sandboxInterface() {
        return cli == null ? null : cli.sandboxInterface().id();
    }
}
