package dev.codexfence.bench;

import dev.codexfence.engine.CodexFenceTestEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The engine as a build tool drives it: a JUnit Platform launcher holding only the codex-fence engine, a
 * directory selector for a probe root, and configuration parameters. Per-test outputs (record.json) go
 * where the platform puts them, under {@code reportsDir}, as under Surefire.
 */
final class FenceLaunch {

    private final Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
            .enableTestEngineAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enableTestExecutionListenerAutoRegistration(false)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .addTestEngines(new CodexFenceTestEngine())
            .build());

    private final Map<String, String> params = new LinkedHashMap<>();

    /** @param reportsDir the platform's reporting output directory and the NDJSON folder */
    FenceLaunch(Path reportsDir) {
        params.put("junit.platform.reporting.output.dir", reportsDir.toString());
        params.put("codex-fence.output.dir", reportsDir.toString());
        params.put("codex-fence.discovery.classpath.enabled", "false");
    }

    FenceLaunch with(String key, String value) {
        params.put(key, value);
        return this;
    }

    LauncherDiscoveryRequest request(Path probeRoot) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(probeRoot.toFile()))
                .configurationParameters(params)
                .build();
    }

    Launcher launcher() {
        return launcher;
    }

    void execute(Path probeRoot, TestExecutionListener listener) {
        launcher.execute(LauncherExecutionRequestBuilder.request(request(probeRoot)).listeners(listener).build());
    }
}
