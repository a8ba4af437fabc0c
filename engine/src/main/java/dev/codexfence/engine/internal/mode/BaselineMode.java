package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** Runs the probe directly, outside any sandbox: the reference every other mode is compared with. */
@API(status = INTERNAL, since = "0.1")
public final class BaselineMode implements RunMode {

    public static final String NAME = "baseline";

    private final String bash;

    public BaselineMode(String bash) {
        this.bash = bash;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public List<String> argv(Path probe, Path workspace) {
        return List.of(bash, probe.toString());
    }

    @Override
    public Optional<List<String>> preflight(Path workspace) {
        return Optional.empty();
    }

    @Override
    public String codexProfile() {
        return null;
    }

    @Override
    public String sandboxMode() {
        return null;
    }

    @Override
    public String sandboxInterface() {
        return null;
    }
}
