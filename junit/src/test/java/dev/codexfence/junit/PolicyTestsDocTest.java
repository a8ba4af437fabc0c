package dev.codexfence.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.probe.ProbeParser;
import dev.codexfence.engine.internal.probe.ProbeScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/policy-tests.md names real, healthy probes, and its example is the one RealCodexPolicyTest runs. */
class PolicyTestsDocTest {

    private static final Path ROOT =
            Path.of(System.getProperty("fence.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PROBE_ID =
            Pattern.compile("@ProbeRecord\\((?:value = )?\"([a-z0-9_]+)\"|\\.run\\(\"([a-z0-9_]+)\"");

    @Test
    void everyProbeTheDocsUseExistsAndKeepsTheStaticContract() throws IOException {
        String md = Files.readString(ROOT.resolve("docs/policy-tests.md"));
        List<String> ids = new ArrayList<>();
        Matcher m = PROBE_ID.matcher(md);
        while (m.find()) {
            ids.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(ids).contains("fs_write_home_scratch", "net_tcp_connect_target", "proc_ptrace_outside_pid");
        ProbeParser parser = new ProbeParser(new CatalogLoader().loadBundled());
        Path probes = ROOT.resolve("probes");
        for (String id : ids) {
            Path file = probes.resolve(id + ".sh");
            assertThat(file).as("docs/policy-tests.md names probe %s", id).isRegularFile();
            ProbeScript probe = parser.parse(probes, file);
            assertThat(probe.healthy()).as(probe.describeIssues()).isTrue();
        }
    }

    @Test
    void theExampleClassIsTheOneTheRealCodexTestRuns() throws IOException {
        String md = Files.readString(ROOT.resolve("docs/policy-tests.md"));
        String example = md.substring(md.indexOf("class CodexSandboxPolicyTest {"));
        example = example.substring(0, example.indexOf("```"));
        String source = Files.readString(Path.of("src/test/java/dev/codexfence/junit/RealCodexPolicyTest.java"));
        String fixture = source.substring(source.indexOf("static class DocumentedPolicy {"));
        fixture = fixture.substring(0, fixture.indexOf("\n    }\n") + "\n    }\n".length());
        assertThat(body(fixture)).isNotEmpty().isEqualTo(body(example));
    }

    /** The stripped, non-blank lines between a class's opening line and its closing brace. */
    private static List<String> body(String classText) {
        List<String> lines =
                classText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.subList(1, lines.size() - 1);
    }
}
