package dev.codexfence.cli;

import dev.codexfence.engine.internal.config.CodexFenceVersion;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code codex-fence --version}: the build (the jar's {@code Implementation-Version}, {@code DEVELOPMENT} from
 * classes) and the codex release the project is pinned to ({@code bin/install-codex} installs it).
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "codex-fence " + CodexFenceVersion.implementation(),
            "pinned codex release: " + CodexFenceVersion.pinnedCodex()
        };
    }
}
