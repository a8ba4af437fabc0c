package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * {@code bin/install-codex VERSION…}: installs codex releases into the per-user cache (the same code a run uses to
 * install a {@code --codex-version} on demand) and says, per release, where it is and which interface it has, or
 * why it was skipped. Exit 0 when every named release is ready, 1 when some were skipped, 2 for a bad spec.
 */
@API(status = INTERNAL, since = "0.1")
public final class InstallCommand {

    private InstallCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            (args.isEmpty() ? err : out).println("usage: bin/install-codex VERSION...   (" + VersionSpec.FORMS + ")");
            return args.isEmpty() ? 2 : 0;
        }
        List<VersionSpec> specs = new ArrayList<>();
        for (String a : args) {
            try {
                specs.addAll(VersionSpec.parseList(a));
            } catch (IllegalArgumentException e) {
                err.println("install-codex: " + e.getMessage());
                return 2;
            }
        }
        CodexReleases releases;
        try {
            releases = CodexReleases.forUser(env);
        } catch (IllegalStateException e) {
            err.println("install-codex: " + e.getMessage());
            return 2;
        }
        int skipped = 0;
        for (ResolvedRelease r : releases.resolve(specs, m -> err.println("install-codex: " + m))) {
            if (r instanceof ResolvedRelease.Ready ready) {
                var cli = ready.cli();
                out.println("codex " + ready.version() + ": ready in " + ready.install() + " ("
                        + cli.sandboxInterface().id()
                        + " interface: codex " + String.join(" ", cli.options().subcommand()) + "; "
                        + (cli.launcher().direct()
                                ? "runs its native binary"
                                : "runs its npm launcher: " + cli.launcher().note())
                        + ")");
            } else {
                skipped++;
                out.println("codex " + r.label() + ": skipped: " + ((ResolvedRelease.Skipped) r).reason());
            }
        }
        return skipped == 0 ? 0 : 1;
    }
}
