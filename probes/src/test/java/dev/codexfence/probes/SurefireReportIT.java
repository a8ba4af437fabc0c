package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after Surefire (failsafe, integration-test phase) and reads the XML Surefire wrote for the probe suite:
 * every probe of this folder must appear once per mode, named "probe [mode]", so that reports and reruns can
 * tell the tests apart.
 */
class SurefireReportIT {

    private static final Pattern TESTCASE = Pattern.compile("<testcase name=\"([^\"]+)\"");
    private static final List<String> MODES = List.of("baseline", "codex-sandbox", "codex-full");

    @Test
    void surefireXmlNamesEveryTestByProbeAndMode() throws IOException {
        Path report = Path.of("target/surefire-reports/TEST-dev.codexfence.probes.ProbeMatrixTest.xml");
        assertThat(report).exists();
        String xml = Files.readString(report);
        List<String> names = new ArrayList<>();
        Matcher m = TESTCASE.matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        List<String> probes;
        try (Stream<Path> files = Files.list(Path.of("."))) {
            probes = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sh"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .sorted()
                    .toList();
        }
        assertThat(probes).isNotEmpty();
        for (String probe : probes) {
            for (String mode : MODES) {
                assertThat(names).as("Surefire XML test names").containsOnlyOnce(probe + " [" + mode + "]");
            }
        }
        assertThat(names).allMatch(n -> n.matches("[A-Za-z0-9_.-]+ \\[[a-z-]+\\]"), "every name is 'probe [mode]'");
        assertThat(names).doesNotHaveDuplicates();
    }
}
