package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.codexfence.engine.internal.config.ConfigurationException;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.config.NetTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Configuration values the engine refuses before any probe runs (issue 13, item 10), each with the exact
 * message: bounds that the message states, a net target off this machine, a bash that cannot run, the
 * platform's parallel settings; and the values at the edges that it accepts.
 */
class ConfigurationBoundsTest {

    @TempDir
    Path dir;

    private static TestDescriptor discover(Map<String, String> config) {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Fixtures.tree("healthy").toFile()))
                .configurationParameters(config)
                .build();
        return new CodexFenceTestEngine().discover(request, UniqueId.forEngine(Constants.ENGINE_ID));
    }

    private static final String P = Constants.PARALLEL_CONFIG_PREFIX;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "codex-fence.timeout.seconds|0|expected a number of seconds greater than 0 and at most 86400",
                "codex-fence.timeout.seconds|86400.5|expected a number of seconds greater than 0 and at most 86400",
                "codex-fence.timeout.seconds|NaN|expected a number of seconds greater than 0 and at most 86400",
                "codex-fence.timeout.seconds|1e3|expected a number of seconds greater than 0 and at most 86400",
                "codex-fence.net.target|8.8.8.8:53|not on this machine (loopback is 127.0.0.0/8, [::1] or localhost); outbound"
                        + " probes would send it packets: set codex-fence.net.target.allow-off-host=true to allow that",
                "codex-fence.net.target|example.com:80|not on this machine",
                "codex-fence.net.target|[2001:db8::1]:80|not on this machine",
                "codex-fence.net.target|127.1:80|expected host:port (an IPv4 dotted quad, [IPv6] or a name; port 1 to 65535)",
                "codex-fence.net.target|127.0.0.1:0|expected host:port",
                "codex-fence.net.target|127.0.0.1:65536|expected host:port",
                "codex-fence.net.target|300.0.0.1:80|expected host:port",
                "codex-fence.net.target.allow-off-host|maybe|expected true or false",
                "codex-fence.bash|/nonexistent/bash|cannot run probes with it: /nonexistent/bash does not exist",
                "codex-fence.bash|no-such-bash-anywhere|cannot run probes with it: no executable no-such-bash-anywhere on PATH (",
                "codex-fence.execution.parallel.config.fixed.parallelism|100000|expected a whole number of parallel runs from 1 to 64",
                "codex-fence.execution.parallel.config.fixed.parallelism|0|expected a whole number of parallel runs from 1 to 64",
                "codex-fence.execution.parallel.config.strategy|wild|expected fixed, dynamic or custom",
                "codex-fence.execution.parallel.config.dynamic.factor|0|expected a number greater than 0 and at most 64 (parallel runs per core)",
                "codex-fence.execution.parallel.config.dynamic.factor|1e999999999|expected a number greater than 0 and at most 64",
                "codex-fence.execution.parallel.config.dynamic.max-pool-size-factor|0.5|expected a number from 1 to 10",
                "codex-fence.execution.parallel.config.fixed.saturate|often|expected true or false"
            })
    void badValuesFailBeforeAnyProbeRunsWithTheirBounds(String key, String value, String expected) {
        assertThatThrownBy(() -> discover(Map.of(key, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("configuration " + key + "=\"" + value + "\": " + expected);
    }

    @Test
    void aMaxPoolSizeBelowTheParallelismIsRefusedNamingBoth() {
        assertThatThrownBy(() -> discover(Map.of(P + "fixed.parallelism", "4", P + "fixed.max-pool-size", "2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration " + P + "fixed.max-pool-size=\"2\": expected a whole number from 4 (the"
                        + " parallelism) to 320");
    }

    @Test
    void aDynamicFactorIsBoundedByTheRunsItGivesOnThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores >= 2, "needs two cores for 40 x cores to exceed 64");
        Map<String, String> config = Map.of(Constants.PARALLEL_ENABLED, "true", P + "dynamic.factor", "40");
        assertThatThrownBy(() -> discover(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration " + P + "dynamic.factor=\"40\": gives " + (40 * cores) + " parallel runs on"
                        + " this machine's " + cores + " cores, more than the 64 allowed; lower the factor or use"
                        + " strategy fixed");
        // the same factor is only syntax-checked while parallel execution is off
        assertThat(discover(Map.of(P + "dynamic.factor", "40")).getChildren()).isNotEmpty();
    }

    @Test
    void aBashThatIsNoExecutableIsRefused() throws IOException {
        Path plain = Files.writeString(dir.resolve("bash"), "#!/bin/sh\n");
        assertThatThrownBy(() -> discover(Map.of(Constants.BASH, plain.toString())))
                .hasMessage("configuration codex-fence.bash=\"" + plain + "\": cannot run probes with it: " + plain
                        + " is not executable");
        assertThatThrownBy(() -> discover(Map.of(Constants.BASH, dir.toString() + "/")))
                .hasMessageEndingWith("is not a regular file");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1:9",
                "127.255.255.254:65535",
                "[::1]:9",
                "localhost:9",
                "LOCALHOST:9",
                "[::ffff:127.0.0.1]:9"
            })
    void loopbackTargetsAreAccepted(String target) {
        assertThat(discover(Map.of(Constants.NET_TARGET, target)).getChildren()).isNotEmpty();
        assertThat(NetTarget.parse(target)).get().matches(NetTarget::loopback);
    }

    @Test
    void anOffHostTargetNeedsTheExplicitKey() {
        Map<String, String> config = new HashMap<>(Map.of(Constants.NET_TARGET, "8.8.8.8:53"));
        config.put(Constants.NET_TARGET_ALLOW_OFF_HOST, "true");
        assertThat(discover(config).getChildren()).isNotEmpty();
        assertThat(NetTarget.parse("8.8.8.8:53")).get().isEqualTo(new NetTarget("8.8.8.8", 53, false));
        // a name other than localhost is off-host: deciding otherwise would need a DNS query
        assertThat(NetTarget.parse("my-loopback-alias:80")).get().matches(t -> !t.loopback());
    }

    @Test
    void timeoutsAtTheEdgesAreAcceptedAndNeverRoundToZero() {
        assertThat(FenceConfiguration.parseTimeout("86400")).contains(Duration.ofSeconds(86_400));
        assertThat(FenceConfiguration.parseTimeout(" 2.5 ")).contains(Duration.ofMillis(2_500));
        assertThat(FenceConfiguration.parseTimeout(".5")).contains(Duration.ofMillis(500));
        assertThat(FenceConfiguration.parseTimeout("0.0000001")).contains(Duration.ofMillis(1));
        assertThat(FenceConfiguration.parseTimeout("-1")).isEmpty();
        assertThat(FenceConfiguration.parseTimeout("Infinity")).isEmpty();
        assertThat(FenceConfiguration.parseTimeout("0x10")).isEmpty();
    }
}
