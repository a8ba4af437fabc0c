package dev.codexfence.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.codexfence.engine.Constants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs probe files through the engine with the JUnit Launcher, the way Surefire does, and writes everything a
 * test report would hold to a file: each test's status, failure message and stack trace, and each report
 * entry. Hostile-probe tests start it as a separate JVM, so that it has an environment of their choosing.
 * <p>
 * Arguments: {@code OUT_FILE OUTPUT_DIR MODES CODEX_PATH|- PROBE_FILE...}
 */
public final class EngineReportDump {

    private EngineReportDump() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        var request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter(Constants.OUTPUT_DIR, args[1])
                .configurationParameter(Constants.MODES, args[2])
                .configurationParameter(Constants.EXPECTATIONS_ENABLED, "false")
                .configurationParameter(Constants.TIMEOUT_SECONDS, "60");
        if (!args[3].equals("-")) {
            request.configurationParameter(Constants.CODEX_PATH, args[3]);
        }
        for (int i = 4; i < args.length; i++) {
            request.selectors(selectFile(args[i]));
        }
        LauncherDiscoveryRequest built = request.build();
        List<String> lines = new ArrayList<>();
        LauncherFactory.create().execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                lines.add("finished " + id.getDisplayName() + ": " + result.getStatus());
                result.getThrowable().ifPresent(t -> {
                    StringWriter trace = new StringWriter();
                    t.printStackTrace(new PrintWriter(trace));
                    lines.add("failure " + id.getDisplayName() + ": " + trace);
                });
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                lines.add("skipped " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entry.getKeyValuePairs()
                        .forEach((k, v) -> lines.add("entry " + id.getDisplayName() + " " + k + "=" + v));
            }
        });
        Files.write(out, lines, StandardCharsets.UTF_8);
    }
}
