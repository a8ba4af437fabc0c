package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the whole corpus in baseline, codex-sandbox and codex-full with canary secrets planted in a fake $HOME and in the
 * environment, then checks that no record, report entry, failure message or output file carries a canary,
 * and that nothing new remains in $HOME or in the temp folder.
 */
class HygieneTest {

    private static final String CANARY = "CANARY7f3a9c";
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    static Path work;

    private static final List<String> published = new ArrayList<>();
    private static Set<String> homeBefore;
    private static String checkoutBefore;
    private static String checkoutAfter;
    private static Set<String> homeAfter;
    private static Set<String> tmpBefore;
    private static Set<String> tmpAfter;
    private static Path home;
    private static Path out;

    @BeforeAll
    static void runCorpusWithCanaries() throws IOException {
        home = Files.createDirectories(work.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE" + CANARY
                + "AAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIA" + CANARY.toUpperCase()
                + "XYZAB\naws_secret_access_key = secret" + CANARY + "\n");
        Path codexHome = Files.createDirectories(work.resolve("codex-home"));
        out = work.resolve("out");
        homeBefore = tree(home);
        checkoutBefore = checkoutState();
        tmpBefore = fenceEntries();

        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory("."))
                .filters(EngineFilter.includeEngines("codex-fence"))
                .configurationParameter("codex-fence.modes", "baseline,codex-sandbox,codex-full")
                .configurationParameter("codex-fence.output.dir", out.toString())
                .configurationParameter("codex-fence.coverage.missing", "skip")
                .configurationParameter("codex-fence.probe.env.HOME", home.toString())
                .configurationParameter("codex-fence.probe.env.CODEX_HOME", codexHome.toString())
                .configurationParameter("codex-fence.probe.env.GITHUB_TOKEN", "ghp_" + CANARY + "0123456789abcdefghijklmnop")
                .configurationParameter("codex-fence.probe.env.FENCE_CANARY_SECRET", CANARY)
                .configurationParameter("codex-fence.execution.parallel.enabled", "true")
                .configurationParameter("codex-fence.execution.parallel.config.strategy", "fixed")
                .configurationParameter("codex-fence.execution.parallel.config.fixed.parallelism", "4")
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                synchronized (published) {
                    published.addAll(entry.getKeyValuePairs().values());
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                result.getThrowable().ifPresent(t -> {
                    synchronized (published) {
                        published.add(String.valueOf(t.getMessage()));
                    }
                });
            }
        });
        homeAfter = tree(home);
        checkoutAfter = checkoutState();
        tmpAfter = fenceEntries();
    }

    private static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Entries of the temp folder a probe could have made: named after a probe (probes put their id in scratch names). */
    private static Set<String> fenceEntries() throws IOException {
        List<String> ids;
        try (Stream<Path> s = Files.list(Path.of("."))) {
            ids = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sh"))
                    .map(n -> n.substring(0, n.length() - 3)).toList();
        }
        try (Stream<Path> s = Files.list(TMP)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> ids.stream().anyMatch(n::contains))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void theRunPublishedRecords() {
        assertThat(published).hasSizeGreaterThan(100);
    }

    @Test
    void noCanaryInAnyRecordReportOrMessage() {
        assertThat(published).noneMatch(s -> s.contains(CANARY) || s.contains(CANARY.toUpperCase()));
    }

    @Test
    void noCanaryInAnyFileTheRunWrote() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertThat(text).as(f.toString()).doesNotContain(CANARY).doesNotContain(CANARY.toUpperCase());
            }
        }
    }

    /** The repository's working tree as git sees it (untracked files included; ignored build output not). */
    private static String checkoutState() throws IOException {
        Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
                .directory(Path.of("..").toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            git.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return git.exitValue() == 0 ? out : "(not a git checkout: " + out.strip() + ")";
    }

    @Test
    void theCheckoutIsAsBefore() {
        assertThat(checkoutAfter).as("git status of the checkout after the run").isEqualTo(checkoutBefore);
    }

    @Test
    void nothingNewRemainsInHomeOrTemp() {
        assertThat(homeAfter).as("fake $HOME after the run").isEqualTo(homeBefore);
        assertThat(tmpAfter).as("temp entries named after probes").isSubsetOf(tmpBefore);
    }

    @Test
    void theRunsScratchFolderIsGone() {
        // every workspace lived in the run's private scratch folder; the folder goes away when the run ends
        Set<Path> scratch = published.stream().filter(s -> s.startsWith("{\"schema_version\""))
                .map(s -> s.replaceAll(".*\"workspace_root\":\"([^\"]+)\".*", "$1"))
                .filter(s -> s.startsWith("/")).map(s -> Path.of(s).getParent()).collect(Collectors.toSet());
        assertThat(scratch).hasSize(1);
        assertThat(scratch.iterator().next()).doesNotExist();
    }

    @Test
    void theCanaryFilesWereReallyThereToBeFound() throws IOException {
        // guards the test itself: the secrets were readable, so a probe that read them would have been caught
        assertThat(Files.readString(home.resolve(".ssh/id_ed25519"))).contains(CANARY);
        assertThat(Map.of("home", homeBefore)).allSatisfy((k, v) -> assertThat(v).contains(".ssh/id_ed25519", ".aws/credentials"));
    }
}
