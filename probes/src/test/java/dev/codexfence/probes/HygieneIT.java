package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What both corpus runs left behind, read from the Surefire fork's evidence (src/test/fenced-jvm/bin/java) and its
 * outputs: no canary secret — planted in the probes' fake $HOME ({@code ~/.ssh}, {@code ~/.aws}), exported in the
 * fork's environment ({@code OPENAI_API_KEY}, {@code AWS_SECRET_ACCESS_KEY}, {@code GITHUB_TOKEN},
 * {@code DB_PASSWORD}), or handed to probes as {@code codex-fence.probe.env.DEPLOY_API_TOKEN} — nor a common encoding
 * of one appears in any record, NDJSON file, Surefire or Open Test Reporting report; and nothing new remains in the
 * fake $HOME, in the temp folder or in the checkout.
 */
class HygieneIT {

    private static final Path TARGET = Path.of("target");

    /**
     * What under target/ is not an output of the corpus runs, with the reason: everything else (both runs' NDJSON and
     * per-test files, Surefire's reports with every failure message, the Open Test Reporting XML with every report
     * entry, the evidence) is searched.
     */
    private static final Map<String, String> NOT_OUTPUTS = Map.of(
            "test-classes", "the runs' configuration, which hands probes the DEPLOY_API_TOKEN canary",
            "failsafe-reports", "the reports of this check's own JVM, which is told the secrets to look for",
            "surefire", "Failsafe's start-up files for this check's own JVM (its system properties)",
            "classes", "compiled code",
            "generated-test-sources", "compiler output",
            "maven-status", "compiler bookkeeping");

    private static List<String> evidence(String name) throws IOException {
        Path file = CorpusRuns.evidence().resolve(name);
        assertThat(file)
                .as("evidence of the Surefire fork (src/test/fenced-jvm/bin/java)")
                .exists();
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Each canary form, named: the canary, and every secret value plain and in the encodings a leak would use. */
    static Map<String, String> forbidden() {
        String canary = CorpusRuns.canary();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("canary", canary);
        out.put("canary upper-cased", canary.toUpperCase(java.util.Locale.ROOT));
        out.put("canary reversed", new StringBuilder(canary).reverse().toString());
        out.put("canary as hex", HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)));
        String secrets = System.getProperty("fence.secrets", "");
        List<String> values = List.of(secrets.split(" "));
        assertThat(values)
                .as("the secrets of the fork's environment (fence.secrets)")
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).contains(canary));
        for (String v : values) {
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            byte[] line = (v + "\n").getBytes(StandardCharsets.UTF_8);
            out.put(v + " as base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
            out.put(v + "\\n as base64", Base64.getEncoder().withoutPadding().encodeToString(line));
            out.put(
                    v + " as url-safe base64",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            out.put(v + " as hex", HexFormat.of().formatHex(bytes));
            out.put(v + " url-encoded", URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void theCanariesWereThereToBeFound() throws IOException {
        // guards the checks below: the secrets were planted and readable, so a probe that read them would be caught
        assertThat(evidence("home-before.txt")).contains("./.ssh/id_ed25519", "./.aws/credentials");
        assertThat(forbidden()).hasSizeGreaterThan(20);
    }

    @Test
    void noCanaryInAnyRecordReportOrFile() throws IOException {
        Map<String, String> forbidden = forbidden();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TARGET)) {
            s.filter(Files::isRegularFile)
                    .filter(f -> !NOT_OUTPUTS.containsKey(
                            TARGET.relativize(f).getName(0).toString()))
                    .filter(f -> !f.getFileName().toString().endsWith(".jar"))
                    .forEach(files::add);
        }
        assertThat(files)
                .as("files the corpus runs wrote under %s", TARGET.toAbsolutePath())
                .anyMatch(f -> f.getFileName().toString().endsWith(".ndjson"))
                .anyMatch(f -> f.getFileName().toString().equals("TEST-dev.codexfence.probes.ProbeMatrixTest.xml"))
                .anyMatch(f -> f.getFileName().toString().equals("open-test-report.xml"));
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            forbidden.forEach((what, form) -> {
                if (text.contains(form)) {
                    found.add(f + " carries the " + what);
                }
            });
        }
        assertThat(found).as("canary secrets in the outputs of the corpus runs").isEmpty();
    }

    @Test
    void nothingNewRemainsInTheFakeHome() throws IOException {
        assertThat(evidence("home-after.txt")).as("fake $HOME after both runs").isEqualTo(evidence("home-before.txt"));
    }

    @Test
    void nothingNamedAfterAProbeRemainsInTheTempFolder() throws IOException {
        Set<String> ids = CorpusRuns.PROBES.stream().map(p -> p.id()).collect(Collectors.toSet());
        List<String> before = evidence("tmp-before.txt");
        List<String> left = evidence("tmp-after.txt").stream()
                .filter(n -> ids.stream().anyMatch(n::contains))
                .filter(n -> !before.contains(n))
                .toList();
        assertThat(left)
                .as("temp entries named after probes that appeared during the runs")
                .isEmpty();
    }

    @Test
    void theCheckoutIsAsBefore() throws IOException {
        assertThat(evidence("git-after.txt"))
                .as("git status of the checkout after both runs")
                .isEqualTo(evidence("git-before.txt"));
    }

    @Test
    void eachRunsScratchFolderIsGone() {
        for (CorpusRuns.Run run : CorpusRuns.both()) {
            // every workspace of a run lived in that run's private scratch folder, which goes away when the run ends
            Set<Path> scratch = run.records().stream()
                    .map(r -> r.at("/run/workspace_root").asString(""))
                    .filter(s -> s.startsWith("/"))
                    .map(s -> Path.of(s).getParent())
                    .collect(Collectors.toSet());
            assertThat(scratch).as("scratch folders of the %s run", run.name()).hasSize(1);
            assertThat(scratch.iterator().next()).doesNotExist();
        }
    }
}
