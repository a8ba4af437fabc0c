package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A capability of the catalog: the container of its probes (or of its coverage gap). */
final class CapabilityDescriptor extends AbstractTestDescriptor implements Node<FenceExecutionContext> {

    private static final int SUMMARY = 70;

    private final Capability capability;

    CapabilityDescriptor(UniqueId id, Capability capability, CapabilityCatalog catalog) {
        super(id, capability.id() + " — " + summary(capability.description()), sourceOf(capability, catalog));
        this.capability = capability;
    }

    Capability capability() {
        return capability;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** The catalog entry's place: a file position for IDE navigation, or the bundled resource. */
    static TestSource sourceOf(Capability capability, CapabilityCatalog catalog) {
        int line = catalog.lineOf(capability.id());
        FilePosition position = line > 0 ? FilePosition.from(line) : null;
        return catalog.path()
                .<TestSource>map(p -> FileSource.from(p.toFile(), position))
                .orElseGet(() ->
                        ClasspathResourceSource.from(catalog.source().replaceFirst("^classpath:/?", ""), position));
    }

    private static String summary(String description) {
        String first = description.strip();
        int dot = first.indexOf(". ");
        if (dot > 0) {
            first = first.substring(0, dot);
        }
        return first.length() <= SUMMARY ? first : first.substring(0, SUMMARY - 1) + "…";
    }
}
