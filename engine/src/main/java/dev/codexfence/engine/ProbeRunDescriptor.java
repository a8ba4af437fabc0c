package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.discovery.ReleaseSlot;
import dev.codexfence.engine.internal.mode.RunMode;
import dev.codexfence.engine.internal.probe.ProbeScript;
import dev.codexfence.engine.internal.run.ProbeExecutor;
import dev.codexfence.engine.internal.run.ProbeRunResult;
import dev.codexfence.engine.internal.run.RunSession;
import dev.codexfence.engine.internal.run.RunStack;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/**
 * One probe in one mode (with one codex release, in a run over several): the test whose result is a cfbo-v1
 * record.
 */
final class ProbeRunDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private final ProbeScript probe;
    private final String mode;
    private final Set<TestTag> tags;

    /**
     * @param release the release it runs with in a run over several (its display name and tags say so), or null
     */
    ProbeRunDescriptor(UniqueId id, ProbeScript probe, String mode, Capability capability, ReleaseSlot release) {
        super(
                id,
                probe.id() + " [" + mode + (release == null ? "" : ", " + release.displayName()) + "]",
                FileSource.from(probe.file().toFile(), FilePosition.from(probe.primaryLine())));
        this.probe = probe;
        this.mode = mode;
        this.tags = tags(probe, mode, capability);
        if (release != null) {
            release.tag().ifPresent(tags::add);
        }
    }

    private static Set<TestTag> tags(ProbeScript probe, String mode, Capability capability) {
        Set<String> names = new LinkedHashSet<>();
        names.add(capability.id());
        names.add(capability.category());
        names.add(capability.layer());
        names.add(mode);
        if (probe.platforms().isEmpty()) {
            for (Platform p : Platform.values()) {
                names.add(p.id());
            }
        } else {
            probe.platforms().stream().map(Platform::id).sorted().forEach(names::add);
        }
        names.addAll(probe.secondaryCapabilityIds());
        names.addAll(probe.tags());
        return names.stream()
                .filter(TestTag::isValid)
                .map(TestTag::create)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    ProbeScript probe() {
        return probe;
    }

    String mode() {
        return mode;
    }

    @Override
    public Set<ExclusiveResource> getExclusiveResources() {
        return probe.locks().stream()
                .map(l -> new ExclusiveResource("codex-fence.lock." + l, ExclusiveResource.LockMode.READ_WRITE))
                .collect(Collectors.toSet());
    }

    @Override
    public SkipResult shouldBeSkipped(FenceExecutionContext context) {
        Optional<Platform> here = Platform.current();
        if (here.isEmpty() || !probe.runsOn(here.get())) {
            return SkipResult.skip("probe " + probe.id() + " applies to "
                    + probe.platforms().stream().map(Platform::id).sorted().toList() + "; this host is "
                    + System.getProperty("os.name"));
        }
        RunSession session = context.session();
        RunStack stack = context.stack();
        Optional<RunMode> runMode = stack.mode(mode);
        if (runMode.isEmpty()) {
            return SkipResult.skip("mode " + mode + " is not configured for this run");
        }
        Optional<String> unavailable = runMode.get().unavailableReason();
        if (unavailable.isPresent()) {
            return SkipResult.skip("mode " + mode + " cannot run here: " + unavailable.get());
        }
        Optional<String> preflight = session.preflight(stack, runMode.get());
        return preflight.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }

    @Override
    public FenceExecutionContext execute(FenceExecutionContext context, DynamicTestExecutor dynamicTestExecutor)
            throws Exception {
        RunStack stack = context.stack();
        RunMode runMode = stack.mode(mode).orElseThrow();
        ProbeRunResult result = new ProbeExecutor(context.session(), stack).run(probe, runMode);
        RecordPublisher.publish(context.request(), this, result.record());
        if (result.failure().isPresent()) {
            throw new AssertionFailedError(
                    getDisplayName() + ": " + result.failure().get());
        }
        // a run that kept the contract is checked against its stack's expectations, if a file applies
        FenceEngineDescriptor.expectationGate(this)
                .verify(result.record().record())
                .ifPresent(note -> context.request()
                        .getEngineExecutionListener()
                        .reportingEntryPublished(this, ReportEntry.from(Constants.EXPECTATIONS_ENTRY_KEY, note)));
        return context;
    }
}
