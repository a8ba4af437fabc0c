package dev.codexfence.engine;

import dev.codexfence.engine.internal.catalog.BoundaryDescriptor;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogNote;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Reports how the run's inputs were read as discovery issues of severity INFO: the notes of a catalog in a
 * foreign shape (which shape, which platform rule applied) and the acceptance of a record-schema
 * descriptor. Each points at its file and line, so an IDE can open it.
 */
final class InputNotes {

    private InputNotes() {}

    static void report(
            CapabilityCatalog catalog, Optional<BoundaryDescriptor> boundary, DiscoveryIssueReporter issues) {
        for (CatalogNote note : catalog.notes()) {
            issues.reportIssue(issue(note, catalog.path().orElse(null)));
        }
        boundary.ifPresent(b -> issues.reportIssue(issue(b.note(), b.file().orElse(null))));
    }

    private static DiscoveryIssue.Builder issue(CatalogNote note, Path file) {
        DiscoveryIssue.Builder b = DiscoveryIssue.builder(DiscoveryIssue.Severity.INFO, note.message());
        if (file != null) {
            TestSource source = FileSource.from(file.toFile(), note.line() > 0 ? FilePosition.from(note.line()) : null);
            b.source(source);
        }
        return b;
    }
}
