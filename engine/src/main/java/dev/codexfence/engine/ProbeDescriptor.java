package dev.codexfence.engine;

import dev.codexfence.engine.internal.probe.ProbeScript;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A probe script: the container of its runs, one per mode. */
final class ProbeDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private final ProbeScript probe;

    ProbeDescriptor(UniqueId id, ProbeScript probe) {
        super(id, probe.id(), FileSource.from(probe.file().toFile(), FilePosition.from(1)));
        this.probe = probe;
    }

    ProbeScript probe() {
        return probe;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
