package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The corpus's second run, in the same test JVM as the first (ProbeMatrixTest) and so under the same fence: the
 * same network namespace, fake $HOME and environment (src/test/fenced-jvm/bin/java), and the same configuration
 * (src/test/resources/junit-platform.properties, which the launcher reads for both), except that its NDJSON goes
 * to {@value #FOLDER}. The checks of the integration-test phase (RepeatabilityIT and the others) read both runs.
 */
class RepeatRunTest {

    static final String FOLDER = "target/corpus-repeat";

    @Test
    void theCorpusRunsASecondTime() throws IOException {
        Path out = Path.of(FOLDER).toAbsolutePath();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory("."))
                .filters(EngineFilter.includeEngines("codex-fence"))
                .configurationParameter("codex-fence.output.dir", out.toString())
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        // what the records say is checked by the *IT classes; here: the run happened and left its one file
        assertThat(summary.getSummary().getTestsStartedCount())
                .as("probe runs started")
                .isGreaterThan(50);
        List<Path> ndjson;
        try (Stream<Path> files = Files.list(out)) {
            ndjson = files.filter(p -> p.getFileName().toString().endsWith(".ndjson"))
                    .toList();
        }
        assertThat(ndjson).as("NDJSON files of the repeat run in %s", out).hasSize(1);
        assertThat(Files.readAllLines(ndjson.get(0)))
                .as("records of the repeat run")
                .hasSizeGreaterThan(50);
    }
}
