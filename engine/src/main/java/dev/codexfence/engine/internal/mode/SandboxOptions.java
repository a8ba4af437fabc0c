package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What one codex release's "run a command in the sandbox" subcommand accepts, read from its own {@code --help}.
 *
 * @param subcommand the words before the options: {@code [sandbox]}, {@code [sandbox, linux]}, {@code [debug, landlock]}
 * @param flags the long options its help lists ({@code --full-auto}, {@code --cd}, {@code --config}, …)
 * @param profileFlag the long option naming a permissions profile ({@code --permission-profile} or
 *     {@code --permissions-profile}), or null
 */
@API(status = INTERNAL, since = "0.1")
public record SandboxOptions(List<String> subcommand, Set<String> flags, String profileFlag) {

    public SandboxOptions {
        subcommand = List.copyOf(subcommand);
        flags = Set.copyOf(flags);
    }

    /**
     * {@code --full-auto}: the workspace-write policy. Every release that still accepts it (to 0.125) sets the
     * policy from that flag alone and ignores {@code -c sandbox_mode=…} (measured: 0.1.x, 0.8.0 to 0.125.0).
     */
    public boolean fullAuto() {
        return flags.contains("--full-auto");
    }

    /** Whether {@code -c sandbox_mode=…} decides the policy (releases without {@code --full-auto}, 0.128 on). */
    public boolean configDecidesPolicy() {
        return !fullAuto() && flags.contains("--config");
    }

    /** {@code -C DIR}: the working directory (0.128 on). */
    public boolean cd() {
        return flags.contains("--cd");
    }

    /** {@code -s PERMISSION} (0.1.x only): a list of permissions instead of a policy name. */
    public boolean sandboxPermission() {
        return flags.contains("--sandbox-permission");
    }

    /** {@code --transparent-tcp} (0.171 on). */
    public boolean transparentTcp() {
        return flags.contains("--transparent-tcp");
    }
}
