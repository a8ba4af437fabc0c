package dev.codexfence.engine;

import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/** Publishes a record as a test's result: a report entry with the JSON, and a file entry with the file. */
final class RecordPublisher {

    static final String RECORD_FILE = "record.json";

    private RecordPublisher() {}

    static void publish(ExecutionRequest request, TestDescriptor descriptor, RecordLine record) {
        request.getEngineExecutionListener()
                .reportingEntryPublished(descriptor, ReportEntry.from(Constants.RECORD_ENTRY_KEY, record.json()));
        Path dir;
        try {
            dir = request.getOutputDirectoryCreator().createOutputDirectory(descriptor);
        } catch (IOException | RuntimeException e) {
            // outputs are disabled (EngineTestKit) or unwritable: the report entry and NDJSON still carry it
            return;
        }
        try {
            Path file = dir.resolve(RECORD_FILE);
            Files.writeString(file, record.json() + "\n", StandardCharsets.UTF_8);
            request.getEngineExecutionListener()
                    .fileEntryPublished(descriptor, FileEntry.from(file, "application/json"));
        } catch (IOException e) {
            request.getEngineExecutionListener()
                    .reportingEntryPublished(
                            descriptor,
                            ReportEntry.from(
                                    "codex-fence.warning", "cannot write " + RECORD_FILE + ": " + e.getMessage()));
        }
    }
}
