package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.release.PinnedReleases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Several codex releases through the CLI, as a separate JVM: they run side by side in one run (baseline once), a
 * spec naming no release is skipped with the exact reason, {@code --list} shows the release of every test and
 * {@code --shard} splits the list.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CliReleasesTest {

    @TempDir
    Path tmp;

    private static final Path HEALTHY = CliProcess.fixture("healthy");

    /** The links to the user's installs go before @TempDir's cleanup, which would warn about each. */
    @AfterEach
    void unlinkInstalls() throws IOException {
        for (String v : List.of("0.80.0", "0.120.0")) {
            Files.deleteIfExists(tmp.resolve("xdg/codex-fence/codex").resolve(v));
        }
    }

    /**
     * A codex cache of its own ({@code XDG_CACHE_HOME}) holding the two pinned releases (links to the per-user
     * cache's checked installs), with a fake npm first on PATH whose list of releases is npm's of 2026-12-01: nothing
     * goes to the registry, and the user's cache is not touched.
     */
    private CliProcess hermetic(CliProcess p) throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("xdg/codex-fence/codex"));
        for (String v : List.of("0.80.0", "0.120.0")) {
            Files.createSymbolicLink(cache.resolve(v), PinnedReleases.require(v).install());
        }
        Path npm = Files.createDirectories(tmp.resolve("npm"));
        Files.copy(
                Path.of("../engine/src/test/fixtures/releases/npm-view-2026-12-01.json")
                        .toAbsolutePath()
                        .normalize(),
                npm.resolve("listing.json"));
        return p.env("XDG_CACHE_HOME", tmp.resolve("xdg").toString())
                .env(
                        "PATH",
                        Path.of("../engine/src/test/fixtures/fake-npm")
                                        .toAbsolutePath()
                                        .normalize() + ":" + System.getenv("PATH"))
                .env("FAKE_NPM_DIR", npm.toString());
    }

    @Test
    void twoReleasesRunSideBySideAndAnUnpublishedOneIsSkippedWithItsReason() throws Exception {
        Path out = tmp.resolve("out");
        var r = hermetic(cli(
                        "--rattle",
                        "--probe",
                        "fx_write_home",
                        "--mode",
                        "baseline,codex-sandbox",
                        "--codex-version",
                        "0.80.0",
                        "--codex-version",
                        "0.120.0,0.46.0",
                        "--parallel",
                        "2",
                        "--timeout",
                        "60",
                        "--probes",
                        HEALTHY.toString(),
                        "--output",
                        out.toString(),
                        "-c",
                        "codex-fence.scratch.dir=" + CliProcess.scratchRoot("rel"),
                        "-c",
                        "codex-fence.expectations.enabled=false"))
                .run();

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stderr())
                .contains("codex-fence: skipped 1 run: codex 0.46.0 is skipped: 0.46.0 is not a published"
                        + " version of @openai/codex (nearest releases: 0.45.0, 0.47.0)");
        Set<String> streamed = new HashSet<>();
        for (String line : r.lines()) {
            JsonNode n = FenceJson.MAPPER.readTree(line);
            streamed.add(n.at("/run/mode").asString() + " "
                    + n.at("/stack/codex_npm_version").asString("-") + " "
                    + n.at("/result/observed_result").asString() + " "
                    + n.at("/result/errno").asString("-"));
        }
        assertThat(streamed)
                .containsExactlyInAnyOrder(
                        "baseline - success -",
                        "codex-sandbox 0.80.0 denied EACCES",
                        "codex-sandbox 0.120.0 denied EROFS");
        try (var files = Files.list(out)) {
            List<Path> ndjson =
                    files.filter(f -> f.toString().endsWith(".ndjson")).toList();
            assertThat(ndjson).hasSize(1);
            assertThat(Files.readAllLines(ndjson.get(0)))
                    .extracting(l -> FenceJson.MAPPER
                            .readTree(l)
                            .at("/stack/codex_npm_version")
                            .asString("-"))
                    .containsExactly("-", "0.80.0", "0.120.0");
        }
        // npm was asked for the list only (the unpublished version is not in it), never to install
        assertThat(Files.readAllLines(tmp.resolve("npm/calls.log")))
                .isNotEmpty()
                .allMatch(c -> c.startsWith("view "));
    }

    @Test
    void listShowsTheReleaseOfEveryTestAndShardsSplitIt() throws Exception {
        PinnedReleases.require("0.80.0");
        PinnedReleases.require("0.120.0");
        String[] args = {
            "--rattle",
            "--probe",
            "fx_write_home",
            "--mode",
            "baseline,codex-sandbox,codex-full",
            "--codex-version",
            "0.80.0,0.120.0",
            "--probes",
            HEALTHY.toString(),
            "--output",
            tmp.toString(),
            "--list"
        };
        var all = cli(args).run();
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.lines())
                .containsExactly(
                        "fx_write_home  baseline       -              cap_fs_write_user_home",
                        "fx_write_home  codex-sandbox  codex 0.80.0   cap_fs_write_user_home",
                        "fx_write_home  codex-full     codex 0.80.0   cap_fs_write_user_home",
                        "fx_write_home  codex-sandbox  codex 0.120.0  cap_fs_write_user_home",
                        "fx_write_home  codex-full     codex 0.120.0  cap_fs_write_user_home");

        var first = cli(args).args("--shard", "1/2").run();
        var second = cli(args).args("--shard", "2/2").run();
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(second.exit()).as(second.toString()).isZero();
        List<String> firstTests = first.lines().stream()
                .map(String::strip)
                .map(l -> l.replaceAll("\\s+", " "))
                .toList();
        List<String> secondTests = second.lines().stream()
                .map(String::strip)
                .map(l -> l.replaceAll("\\s+", " "))
                .toList();
        assertThat(firstTests).hasSize(3);
        assertThat(secondTests).hasSize(2).doesNotContainAnyElementsOf(firstTests);
        Set<String> union = new HashSet<>(firstTests);
        union.addAll(secondTests);
        assertThat(union)
                .isEqualTo(new HashSet<>(
                        all.lines().stream().map(l -> l.replaceAll("\\s+", " ")).toList()));
    }

    @Test
    void aShardThatIsNotKOfNIsAUsageError() throws Exception {
        var r = cli("--bang", "--list", "--probes", HEALTHY.toString(), "--output", tmp.toString(), "--shard", "3/2")
                .run();
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr())
                .contains("--shard expects K/N: shard K of N, with 1 <= K <= N <= 10000 (e.g. 2/8) (got \"3/2\")");
    }
}
