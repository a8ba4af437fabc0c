package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static dev.codexfence.cli.CliProcess.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hostile probes against the host-effect check (fixtures in src/test/fixtures/hostile/effects; issue 13, items 1
 * and 6), through the CLI as a separate JVM, in baseline and, where the codex CLI is installed, codex-sandbox.
 * The probes get a fake {@code $HOME} made here ({@code codex-fence.probe.env.HOME}) holding a planted
 * {@code .ssh} folder and planted files, and a victims folder outside every scratch root
 * ({@code codex-fence.probe.env.HX_VICTIMS}). Each hostile probe declares something the harness must refuse:
 * its run is a contract-violation error naming the broken rule, nothing planted changes by a byte, and no write
 * that never happened is reported present. The honest neighbour's own file is present and removed.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class HostileHostEffectTest {

    private static final List<String> HOSTILE = List.of(
            "hx_effect_contains",
            "hx_effect_dotdot",
            "hx_effect_folder",
            "hx_effect_forged",
            "hx_effect_home",
            "hx_effect_outside_roots",
            "hx_effect_pid",
            "hx_effect_preexisting",
            "hx_effect_relative",
            "hx_effect_symlink",
            "hx_effect_symlink_dir",
            "ssh");
    private static final String HONEST = "hx_effect_honest";

    @TempDir
    static Path tmp;

    private static Path home;
    private static Path victims;
    private static Map<String, String> homeBefore;
    private static Map<String, String> victimsBefore;
    private static boolean codexInstalled;
    private static CliProcess.Result run;
    /** Records by "probe [mode]". */
    private static Map<String, JsonNode> records;

    @BeforeAll
    static void plantThenRunTheHostileCorpus() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        victims = Files.createDirectories(tmp.resolve("victims"));
        write(home.resolve(".ssh/id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY----- planted\n");
        write(home.resolve(".ssh/known_hosts"), "example.invalid ssh-ed25519 AAAA planted\n");
        write(home.resolve("victim-hx_effect_contains.txt"), "planted: contains the id\n");
        write(home.resolve(".codex-fence-hx_effect_dotdot-planted"), "planted: reached through ..\n");
        write(home.resolve(".codex-fence-hx_effect_folder-dir/inside.txt"), "planted: inside a well-named folder\n");
        write(home.resolve(".codex-fence-hx_effect_preexisting-planted"), "planted: before the run\n");
        write(victims.resolve("victim.txt"), "planted: the symlink's victim\n");
        write(victims.resolve(".codex-fence-hx_effect_relative-planted"), "planted: reached by ../../..\n");
        write(victims.resolve(".codex-fence-hx_effect_outside_roots-planted"), "planted: outside every root\n");
        write(victims.resolve(".codex-fence-hx_effect_symlink_dir-planted"), "planted: behind a workspace link\n");
        homeBefore = snapshot(home);
        victimsBefore = snapshot(victims);

        Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
        codexInstalled = Files.isExecutable(codex);
        List<String> args = new ArrayList<>(List.of(
                "--bang",
                "--probes",
                fixture("hostile/effects").toString(),
                "--mode",
                codexInstalled ? "baseline,codex-sandbox" : "baseline",
                "--timeout",
                "60",
                "--output",
                tmp.resolve("out").toString(),
                "-c",
                "codex-fence.coverage.missing=skip",
                "-c",
                "codex-fence.probe.env.HOME=" + home,
                "-c",
                "codex-fence.probe.env.HX_VICTIMS=" + victims));
        if (codexInstalled) {
            args.addAll(List.of("--codex", codex.toString()));
        }
        run = cli(args.toArray(String[]::new)).timeout(Duration.ofSeconds(300)).run();
        records = new LinkedHashMap<>();
        for (String line : run.lines()) {
            JsonNode r = FenceJson.MAPPER.readTree(line);
            records.put(r.at("/probe/id").asString() + " [" + r.at("/run/mode").asString() + "]", r);
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** Every entry below {@code root}: folder, link target, or file bytes; links are not followed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !p.equals(root)).toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "folder");
                } else {
                    out.put(key, "file " + Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /** The modes whose records this run has: baseline, and codex-sandbox where codex could sandbox here. */
    private static List<String> modes() {
        List<String> modes = new ArrayList<>(List.of("baseline"));
        if (records.containsKey(HONEST + " [codex-sandbox]")) {
            modes.add("codex-sandbox");
        }
        return modes;
    }

    /** In every mode: a harness-made contract-violation error naming {@code rule}, and no verdict. */
    private static void assertViolation(String probe, String... rule) {
        for (String mode : modes()) {
            JsonNode r = records.get(probe + " [" + mode + "]");
            assertThat(r).as(probe + " [" + mode + "] has a record\n" + run).isNotNull();
            assertThat(r.at("/result/observed_result").asString())
                    .as(probe + " " + mode)
                    .isEqualTo("error");
            assertThat(r.at("/payload/raw/harness_error").asString())
                    .as(probe + " " + mode)
                    .isEqualTo("contract_violation");
            assertThat(r.at("/result/message").asString())
                    .as(probe + " " + mode)
                    .contains(rule);
            assertThat(r.at("/payload/raw").has("host_effect"))
                    .as(probe + " " + mode + " has no verdict")
                    .isFalse();
        }
    }

    @Test
    void theRunFailsNamingEveryHostileProbeAndOnlyThem() {
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(HOSTILE)
                .allSatisfy(id -> assertThat(run.stderr()).as(run.toString()).contains(id));
        assertThat(records.keySet()).as(run.toString()).hasSize((HOSTILE.size() + 1) * modes().size());
    }

    @Test
    void theHonestNeighbourWritesAPresentFileThatTheHarnessRemoves() throws IOException {
        for (String mode : modes()) {
            JsonNode r = records.get(HONEST + " [" + mode + "]");
            assertThat(r.at("/result/observed_result").asString()).as(mode).isEqualTo("success");
            assertThat(r.at("/payload/raw/host_effect").asString()).as(mode).isEqualTo("present");
            assertThat(Path.of(r.at("/payload/raw/host_effect_path").asString()))
                    .as(mode)
                    .doesNotExist();
        }
    }

    @Test
    void nothingPlantedChangesByAByte() throws IOException {
        Map<String, String> after = snapshot(home);
        // the symlink probe's own links stay (the harness leaves a refused entry untouched); codex may keep state
        after.keySet()
                .removeIf(k -> k.startsWith(".codex-fence-hx_effect_symlink-")
                        || k.equals(".codex")
                        || k.startsWith(".codex/"));
        assertThat(after).isEqualTo(homeBefore);
        assertThat(snapshot(victims)).isEqualTo(victimsBefore);
        assertThat(home.resolve(".ssh/id_ed25519")).hasContent("-----BEGIN OPENSSH PRIVATE KEY----- planted");
    }

    @Test
    void noHostileRecordReportsAVerdict() {
        List<String> withVerdict = records.entrySet().stream()
                .filter(e -> HOSTILE.stream().anyMatch(id -> e.getKey().startsWith(id + " [")))
                .filter(e -> e.getValue().at("/payload/raw").has("host_effect"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(records).isNotEmpty();
        assertThat(withVerdict).isEmpty();
    }

    @Test
    void declaringTheUsersSshFolderIsRefusedByName() {
        assertViolation("ssh", "the name \".ssh\" does not start with \".codex-fence-ssh-\"");
        assertThat(home.resolve(".ssh")).isDirectory();
    }

    @Test
    void aRelativeDotDotPathIsRefused() {
        assertViolation("hx_effect_relative", "is not an absolute path", "../");
        assertThat(victims.resolve(".codex-fence-hx_effect_relative-planted"))
                .hasContent("planted: reached by ../../..");
    }

    @Test
    void anAbsolutePathWithADotDotSegmentIsRefused() {
        assertViolation("hx_effect_dotdot", "has a '..' segment");
    }

    @Test
    void aNameThatContainsButDoesNotStartWithThePrefixIsRefused() {
        assertViolation(
                "hx_effect_contains",
                "the name \"victim-hx_effect_contains.txt\" does not start with"
                        + " \".codex-fence-hx_effect_contains-\"");
    }

    @Test
    void declaringHomeItselfIsRefused() {
        assertViolation("hx_effect_home", "the name \"home\" does not start with");
        assertThat(home.resolve(".ssh/known_hosts")).exists();
    }

    @Test
    void aWellNamedFolderIsRefusedAndKeepsItsContent() {
        assertViolation(
                "hx_effect_folder", "is a folder (rule: the harness checks and removes one non-directory entry");
        assertThat(home.resolve(".codex-fence-hx_effect_folder-dir/inside.txt"))
                .hasContent("planted: inside a well-named folder");
    }

    @Test
    void aWellNamedFileOutsideTheScratchRootsIsRefused() {
        assertViolation("hx_effect_outside_roots", "lies in " + victims + ", which is not a scratch root");
    }

    @Test
    void aSymlinkPlantedByTheProbeIsRefusedAndLeftAndItsVictimIsIntact() throws IOException {
        assertViolation("hx_effect_symlink", "is a symlink (rule:");
        List<Path> links;
        try (Stream<Path> s = Files.list(home)) {
            links = s.filter(p -> p.getFileName().toString().startsWith(".codex-fence-hx_effect_symlink-"))
                    .toList();
        }
        assertThat(links).hasSize(modes().size()).allSatisfy(l -> {
            assertThat(Files.isSymbolicLink(l)).isTrue();
            assertThat(Files.readSymbolicLink(l)).isEqualTo(victims.resolve("victim.txt"));
        });
        assertThat(victims.resolve("victim.txt")).hasContent("planted: the symlink's victim");
    }

    @Test
    void aSymlinkedFolderInTheWorkspaceIsNotGoneThrough() {
        assertViolation("hx_effect_symlink_dir", "goes through the symlink ", "(rule: no symlink in any component");
        assertThat(victims.resolve(".codex-fence-hx_effect_symlink_dir-planted"))
                .hasContent("planted: behind a workspace link");
    }

    @Test
    void aVerdictWrittenByTheProbeIsAViolation() {
        assertViolation(
                "hx_effect_forged",
                "the probe wrote payload.raw.host_effect itself (rule: the verdict is"
                        + " written by the harness only");
    }

    @Test
    void anEntryThatExistedBeforeTheRunIsNotAWriteOfThisRun() {
        assertViolation("hx_effect_preexisting", "already existed before the probe run started");
        assertThat(home.resolve(".codex-fence-hx_effect_preexisting-planted")).hasContent("planted: before the run");
    }

    @Test
    void aPidOtherThanTheOutsideProcessIsAViolation() {
        assertViolation(
                "hx_effect_pid",
                "payload.raw.host_effect_pid is \"1\", not $FENCE_OUTSIDE_PID (",
                "(rule: the only process a probe may declare is the harness's own outside process)");
    }

    @Test
    void codexSandboxRanTheHostileCorpusToo() {
        if (!codexInstalled && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install the codex CLI (bin/install-codex)");
        }
        Assumptions.assumeTrue(codexInstalled, "no project-local codex CLI (bin/install-codex)");
        if (!modes().contains("codex-sandbox")) {
            // a host where codex cannot sandbox: the mode is skipped with its reason, never a silent pass
            assertThat(run.stderr()).as(run.toString()).contains("skipped");
            Assumptions.abort("codex cannot sandbox on this host: " + run.stderr());
        }
        assertThat(records.keySet())
                .filteredOn(k -> k.endsWith(" [codex-sandbox]"))
                .hasSize(HOSTILE.size() + 1);
    }
}
