package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Capability;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeRoot;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Static facts about the corpus in this folder, checked without running a probe. */
class CorpusContractTest {

    private static final CapabilityCatalog CATALOG = new CatalogLoader().loadBundled();
    private static final ProbeRoot ROOT = ProbeRoot.scan(Path.of("."), new ProbeParser(CATALOG));

    /** Syntax that macOS /bin/bash 3.2 cannot run. */
    private static final Pattern BASH4 = Pattern.compile(
            "declare -A|mapfile|readarray|\\$\\{[A-Za-z_][A-Za-z0-9_]*(,,|\\^\\^)\\}|local -n|declare -n|declare -g|;;&|&>>|\\$\\{[A-Za-z_]+@[QEPAa]\\}");
    /** Literal IPv4 addresses other than loopback and the wildcard. */
    private static final Pattern NON_LOOPBACK =
            Pattern.compile("\\b(?!127\\.)(?!0\\.0\\.0\\.0\\b)(\\d{1,3}\\.){3}\\d{1,3}\\b|https?://");

    @Test
    void atLeastSixtyProbesAllHonouringTheStaticContract() {
        assertThat(ROOT.probes()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(ROOT.probes())
                .allSatisfy(p -> assertThat(p.issues()).as(p.describeIssues()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyCapabilityOfAPlatformHasAProbeForThatPlatform(Platform platform) {
        List<String> uncovered = new ArrayList<>();
        for (Capability c : CATALOG.applicableTo(platform)) {
            boolean covered =
                    ROOT.probes().stream().anyMatch(p -> c.id().equals(p.primaryCapabilityId()) && p.runsOn(platform));
            if (!covered) {
                uncovered.add(c.id());
            }
        }
        assertThat(uncovered)
                .as("capabilities without a %s probe", platform.id())
                .isEmpty();
    }

    @Test
    void probesDeclareThePlatformsTheirCapabilityAppliesTo() {
        for (ProbeScript p : ROOT.probes()) {
            Capability c = CATALOG.find(p.primaryCapabilityId()).orElseThrow();
            assertThat(p.platforms()).as("%s declares probe_platforms", p.id()).isNotEmpty();
            assertThat(c.platforms())
                    .as("%s runs on platforms its capability %s applies to", p.id(), c.id())
                    .containsAll(p.platforms());
        }
    }

    @Test
    void probesReportThroughFenceEmitWithoutRepeatingTheirDeclarationsOrTheMode() throws IOException {
        // fence_emit passes probe_name, probe_version and the capability ids; emit-record defaults to the run's mode
        Pattern repeated = Pattern.compile(
                "--(run-mode|probe-name|probe-id|probe-version|primary-capability-id|secondary-capability-id)\\b");
        List<String> found = new ArrayList<>();
        for (ProbeScript p : ROOT.probes()) {
            List<String> lines = Files.readAllLines(p.file());
            assertThat(lines).as(p.id()).anyMatch(l -> l.startsWith("fence_emit "));
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().startsWith("#")
                        && repeated.matcher(lines.get(i)).find()) {
                    found.add(p.id() + ":" + (i + 1) + " " + lines.get(i).strip());
                }
            }
        }
        assertThat(found)
                .as("probes passing what fence_emit or emit-record already know")
                .isEmpty();
    }

    @Test
    void probesUseOnlyBash32SyntaxAndNameNoHostBeyondLoopback() throws IOException {
        for (ProbeScript p : ROOT.probes()) {
            List<String> lines = Files.readAllLines(p.file());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("#")) {
                    continue;
                }
                assertThat(BASH4.matcher(line).find())
                        .as("%s:%d uses bash 4+ syntax: %s", p.id(), i + 1, line)
                        .isFalse();
                assertThat(NON_LOOPBACK.matcher(line).find())
                        .as("%s:%d names a non-loopback host: %s", p.id(), i + 1, line)
                        .isFalse();
            }
        }
    }
}
