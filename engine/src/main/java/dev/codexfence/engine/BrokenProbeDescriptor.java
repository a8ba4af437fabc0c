package dev.codexfence.engine;

import dev.codexfence.engine.internal.probe.ContractIssue;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/** A probe file that breaks the static contract: a failing test of its own, so the rest of the run goes on. */
final class BrokenProbeDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private final ProbeScript probe;

    BrokenProbeDescriptor(UniqueId id, ProbeScript probe) {
        super(
                id,
                probe.file().getFileName() + " [contract]",
                FileSource.from(
                        probe.file().toFile(),
                        FilePosition.from(Math.max(
                                1,
                                probe.issues().stream()
                                        .mapToInt(ContractIssue::line)
                                        .filter(l -> l > 0)
                                        .findFirst()
                                        .orElse(1)))));
        this.probe = probe;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return Set.of(TestTag.create("contract"));
    }

    @Override
    public FenceExecutionContext execute(FenceExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        throw new AssertionFailedError(
                "probe " + probe.file().getFileName() + " breaks the probe contract:\n" + probe.describeIssues());
    }
}
