package dev.codexfence.engine;

import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.release.CodexInstaller;
import dev.codexfence.engine.internal.release.CodexReleases;
import dev.codexfence.engine.internal.release.ResolvedRelease;
import dev.codexfence.engine.internal.run.RunStack;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One codex release of a run over several: the container of the codex-mode runs of every selected probe with that
 * release, grouped by capability like the plain tree. Before its tests run it installs the release (from the
 * per-user cache, else from npm) and opens the release's {@link RunStack} in the run's session (its own codex
 * detection, modes, stack facts and preflights; the scratch folder, helpers, workspaces, fixtures, integrity checks
 * and NDJSON log are the run's). A release that cannot be installed or cannot run here is skipped, with its tests,
 * with the exact reason.
 */
final class ReleaseDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private final ReleaseSlot release;
    private final List<String> modes;
    private final Supplier<CodexReleases> releases;
    private volatile String skipped;

    /**
     * @param modes the codex modes its tests run in
     * @param releases where releases are installed from (asked only when this node runs)
     */
    ReleaseDescriptor(UniqueId id, ReleaseSlot release, List<String> modes, Supplier<CodexReleases> releases) {
        super(id, release.displayName());
        this.release = release;
        this.modes = List.copyOf(modes);
        this.releases = releases;
    }

    ReleaseSlot release() {
        return release;
    }

    /** The release {@code descriptor} is (or is below), or null for a node of the plain tree. */
    static ReleaseSlot enclosing(TestDescriptor descriptor) {
        for (Optional<TestDescriptor> d = Optional.of(descriptor);
                d.isPresent();
                d = d.get().getParent()) {
            if (d.get() instanceof ReleaseDescriptor r) {
                return r.release;
            }
        }
        return null;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return release.displayName();
    }

    @Override
    public FenceExecutionContext prepare(FenceExecutionContext context) throws Exception {
        if (release.version().isEmpty()) {
            skipped = skipReason(release.problem());
            return context;
        }
        ResolvedRelease resolved = releases.get()
                .resolve(release.version().get(), m -> FenceEngineDescriptor.note(this, context.request(), m));
        if (resolved instanceof ResolvedRelease.Skipped s) {
            skipped = skipReason(s.reason());
            return context;
        }
        ResolvedRelease.Ready ready = (ResolvedRelease.Ready) resolved;
        RunStack stack =
                context.session().openRelease(ready.version().text(), CodexInstaller.launcher(ready.install()), modes);
        return context.withStack(stack);
    }

    private String skipReason(String reason) {
        return "codex " + release.label() + " is skipped: " + reason;
    }

    @Override
    public SkipResult shouldBeSkipped(FenceExecutionContext context) {
        String why = skipped;
        return why == null ? SkipResult.doNotSkip() : SkipResult.skip(why);
    }
}
