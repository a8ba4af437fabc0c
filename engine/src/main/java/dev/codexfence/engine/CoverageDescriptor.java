package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.Platform;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/** The gap of a capability that no probe exercises on this platform: a test node so that it stays visible. */
final class CoverageDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private final Capability capability;
    private final Platform platform;
    private final boolean fail;
    private final Set<TestTag> tags = new LinkedHashSet<>();

    CoverageDescriptor(UniqueId id, Capability capability, Platform platform, boolean fail, TestSource source) {
        super(id, capability.id() + " [coverage]", source);
        this.capability = capability;
        this.platform = platform;
        this.fail = fail;
        for (String t :
                new String[] {capability.id(), capability.category(), capability.layer(), platform.id(), "coverage"}) {
            if (TestTag.isValid(t)) {
                tags.add(TestTag.create(t));
            }
        }
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    private String message() {
        return "no probe exercises " + capability.id() + " on " + platform.id();
    }

    @Override
    public SkipResult shouldBeSkipped(FenceExecutionContext context) {
        return fail ? SkipResult.doNotSkip() : SkipResult.skip(message());
    }

    @Override
    public FenceExecutionContext execute(FenceExecutionContext context, DynamicTestExecutor dynamicTestExecutor) {
        throw new AssertionFailedError(message());
    }
}
