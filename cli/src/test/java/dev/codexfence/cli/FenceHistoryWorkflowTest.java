package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.release.ReleaseVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The example GitHub Actions workflow ({@code examples/github-actions/fence-history.yml}): its matrix, the
 * artifact names that connect the shard jobs to the merge job, the options the shard step passes, and its merge
 * step, run with bash (as Actions runs a {@code shell: bash} step) on recorded shards
 * ({@code src/test/resources/history}: real runs of codex 0.40.0, 0.80.0, 0.120.0 and 0.171.0, two shards each,
 * and a re-run overlapping one shard), with {@code $CODEX_FENCE} pointing at this build's CLI.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class FenceHistoryWorkflowTest {

    private static final Path WORKFLOW =
            CliProcess.repositoryRoot().resolve("examples/github-actions/fence-history.yml");
    static final Path SHARDS =
            Path.of("../engine/src/test/resources/history").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static JsonNode workflow() throws IOException {
        return YAMLMapper.builder().build().readTree(WORKFLOW.toFile());
    }

    private static JsonNode step(JsonNode job, String usesOrName) {
        for (JsonNode s : job.get("steps")) {
            if (s.path("uses").asString("").startsWith(usesOrName)
                    || s.path("name").asString("").equals(usesOrName)) {
                return s;
            }
        }
        throw new AssertionError("no step " + usesOrName + " in " + job);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void theShardJobsSpanOsReleaseAndShardAndNameTheirArtifactsUniquely() throws IOException {
        JsonNode wf = workflow();
        assertThat(wf.path("on").has("workflow_dispatch")).as("manual runs").isTrue();
        JsonNode fence = wf.at("/jobs/fence");
        JsonNode matrix = fence.at("/strategy/matrix");
        assertThat(fence.at("/strategy/fail-fast").asBoolean(true))
                .as("one release failing must not cancel the rest")
                .isFalse();
        assertThat(fence.get("runs-on").asString()).isEqualTo("${{ matrix.os }}");
        assertThat(strings(matrix.get("os")))
                .isNotEmpty()
                .allMatch(os -> os.startsWith("ubuntu-") || os.startsWith("macos-"));
        List<String> releases = strings(matrix.get("codex"));
        assertThat(releases)
                .hasSizeGreaterThan(1)
                .allSatisfy(v ->
                        assertThat(ReleaseVersion.parse(v)).as("release %s", v).isPresent());
        List<String> shards = strings(matrix.get("shard"));
        int n = shards.size();
        assertThat(shards)
                .as("shards 1..N")
                .isEqualTo(Stream.iterate(1, i -> i + 1)
                        .limit(n)
                        .map(String::valueOf)
                        .toList());

        String run = step(fence, "Run one shard of the probe matrix with one codex release")
                .get("run")
                .asString();
        assertThat(run)
                .contains("--codex-version \"${{ matrix.codex }}\"")
                .contains("--shard \"${{ matrix.shard }}/" + n + "\"")
                .contains("> \"$RECORDS\"");
        String records = step(fence, "Run one shard of the probe matrix with one codex release")
                .at("/env/RECORDS")
                .asString();
        assertThat(records)
                .startsWith("records/")
                .endsWith(".ndjson")
                .contains("${{ matrix.os }}")
                .contains("${{ matrix.codex }}")
                .contains("${{ matrix.shard }}of" + n);

        JsonNode upload = step(fence, "actions/upload-artifact@");
        assertThat(upload.at("/with/path").asString()).isEqualTo("records/*.ndjson");
        assertThat(upload.at("/if").asString()).contains("!cancelled()");
        String artifact = upload.at("/with/name").asString();
        // one artifact per matrix entry: its name holds every matrix dimension
        assertThat(artifact)
                .contains("${{ matrix.os }}")
                .contains("${{ matrix.codex }}")
                .contains("${{ matrix.shard }}");

        JsonNode history = wf.at("/jobs/history");
        JsonNode needs = history.get("needs");
        assertThat(needs.isArray() ? strings(needs) : List.of(needs.asString())).containsExactly("fence");
        assertThat(history.get("if").asString())
                .as("merge what the shards that ran left")
                .contains("!cancelled()");
        JsonNode download = step(history, "actions/download-artifact@");
        assertThat(download.at("/with/merge-multiple").asBoolean()).isTrue();
        assertThat(download.at("/with/path").asString()).isEqualTo("shards");
        String pattern = download.at("/with/pattern").asString();
        String example = artifact.replace("${{ matrix.os }}", "ubuntu-24.04")
                .replace("${{ matrix.codex }}", releases.get(0))
                .replace("${{ matrix.shard }}", "1");
        assertThat(example)
                .as("the merge job downloads what the shard jobs upload")
                .matches(glob(pattern));
        assertThat(step(history, "Merge the shards into one history and one fence map")
                        .get("run")
                        .asString())
                .contains("shards=(shards/*.ndjson)");
        assertThat(step(history, "actions/upload-artifact@").at("/with/path").asString())
                .isEqualTo("history/");
    }

    @Test
    void everyOptionTheShardStepPassesIsOneTheCliKnows() throws IOException {
        String run = step(workflow().at("/jobs/fence"), "Run one shard of the probe matrix with one codex release")
                .get("run")
                .asString()
                .replace("\\\n", " ");
        String command = run.lines()
                .filter(l -> l.contains("\"$CODEX_FENCE\""))
                .findFirst()
                .orElseThrow();
        List<String> options = new ArrayList<>();
        for (String token : command.split("\\s+")) {
            if (token.startsWith("-")) {
                options.add(token);
            }
        }
        assertThat(options).contains("--bang", "--codex-version", "--shard", "--mode", "-c", "--output");
        // the step's arguments as the shell passes them, parsed by the CLI's own command line
        String arguments = command.substring(
                        command.indexOf("\"$CODEX_FENCE\"") + "\"$CODEX_FENCE\"".length(), command.indexOf(" > "))
                .replace("${{ matrix.codex }}", "0.171.0")
                .replace("${{ matrix.shard }}", "1")
                .replace("$RUNNER_TEMP", "/tmp/runner");
        List<String> args = new ArrayList<>();
        for (String token : arguments.strip().split("\\s+")) {
            args.add(token.replace("\"", ""));
        }
        CliIo io = new CliIo(
                java.io.InputStream.nullInputStream(),
                System.out,
                System.err,
                null,
                java.util.Map.of(),
                Terminal.none(),
                java.util.Optional.empty(),
                false);
        CommandLine.ParseResult parsed =
                CodexFenceCli.commandLine(new Invocation(io)).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("bang");
        assertThat(parsed.subcommand().unmatched()).isEmpty();
        assertThat(parsed.subcommand().matchedOptions().stream()
                        .map(o -> o.longestName())
                        .distinct())
                .containsExactlyInAnyOrder("--codex-version", "--shard", "--mode", "--config", "--output");
    }

    @Test
    void theMergeStepMergesRecordedShardsIntoOneHistoryAndOneMap() throws Exception {
        Path work = layOut(null);
        Path summary = dir.resolve("summary.md");
        Result r = merge(work, Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
        assertThat(r.exit()).as(r.toString()).isZero();

        String text = Files.readString(work.resolve("history/history.txt"));
        assertThat(text)
                .contains("(369 records, 12 duplicates that agreed collapsed)")
                .contains(
                        "releases: 0.40.0 (debug) · 0.80.0 (sandbox-os) · 0.120.0 (sandbox-os) · 0.171.0 (sandbox-profile)")
                .contains("between 0.40.0 and 0.80.0 (debug → sandbox-os): no cell changed")
                .contains("between 0.80.0 and 0.120.0: 37 cells changed (3 now allowed, 10 now denied, 24 errno only)")
                .contains("18 × fs write: denied EACCES → denied EROFS (errno only)")
                .contains("between 0.120.0 and 0.171.0 (sandbox-os → sandbox-profile): 6 cells changed (6 now denied)")
                .contains(
                        "~ fs_write_home_scratch [codex-sandbox]: denied EACCES (0.40.0–0.80.0) → denied EROFS (0.120.0–0.171.0)");
        assertThat(r.stdout()).as("the step prints the history into its log").contains("between 0.80.0 and 0.120.0");
        assertThat(Files.readString(summary)).startsWith("```\ncodex-fence history\n");

        JsonNode json =
                FenceJson.MAPPER.readTree(work.resolve("history/history.json").toFile());
        assertThat(json.get("format").asString()).isEqualTo("cfhistory-v1");
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("lines")).hasSize(1);
        assertThat(json.at("/lines/0/releases").findValuesAsString("version"))
                .containsExactly("0.40.0", "0.80.0", "0.120.0", "0.171.0");
        assertThat(json.at("/lines/0/releases/1/sources")).hasSize(3); // two shards and the re-run

        String page = Files.readString(work.resolve("history/fence-map.html"));
        assertThat(page)
                .contains("<section id=\"history\">")
                .contains("class=\"hcell\"")
                .doesNotContain("<script src=")
                .doesNotContain("<link rel=\"stylesheet\" href=");
    }

    @Test
    void aChangeFailsTheMergeOnlyWhenAskedAndABadShardAlways() throws Exception {
        Path work = layOut(null);
        Result gate = merge(work, Map.of("FAIL_ON_CHANGE", "true"));
        assertThat(gate.exit()).as(gate.toString()).isEqualTo(1);
        assertThat(work.resolve("history/fence-map.html")).exists();

        Path broken = layOut("{\"schema_version\":\"cfbo-v1\"}\n");
        Result bad = merge(broken, Map.of());
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.stderr()).contains("shards/zz-broken.ndjson:1: not a cfbo-v1 record");
        assertThat(broken.resolve("history/fence-map.html")).doesNotExist();
    }

    /** A working folder as the merge job has it after download-artifact (merge-multiple: every file in shards/). */
    private Path layOut(String brokenShard) throws IOException {
        Path work = Files.createTempDirectory(dir, "job");
        Path shards = Files.createDirectories(work.resolve("shards"));
        List<Path> recorded;
        try (Stream<Path> files = Files.list(SHARDS)) {
            recorded =
                    files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
        }
        assertThat(recorded).hasSize(9);
        for (Path f : recorded) {
            Files.copy(f, shards.resolve(f.getFileName()));
        }
        if (brokenShard != null) {
            Files.writeString(shards.resolve("zz-broken.ndjson"), brokenShard);
        }
        return work;
    }

    private record Result(int exit, String stdout, String stderr) {}

    /** Runs the merge step's script as Actions runs a bash step: {@code bash --noprofile --norc -eo pipefail FILE}. */
    private Result merge(Path work, Map<String, String> extraEnv) throws Exception {
        JsonNode step = step(workflow().at("/jobs/history"), "Merge the shards into one history and one fence map");
        assertThat(step.get("shell").asString()).isEqualTo("bash");
        Path script = Files.writeString(
                dir.resolve("merge-" + work.getFileName() + ".sh"),
                step.get("run").asString());
        Map<String, String> env = new LinkedHashMap<>();
        step.get("env")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        assertThat(env.get("CODEX_FENCE")).isEqualTo("bin/codex-fence");
        env.put("CODEX_FENCE", launcher().toString());
        env.putAll(extraEnv);
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                .directory(work.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("CODEX_FENCE") || k.equals("MODES"));
        pb.environment().putAll(env);
        Path out = dir.resolve(work.getFileName() + ".out");
        Path err = dir.resolve(work.getFileName() + ".err");
        Process p = pb.redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the merge step did not finish within 300 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** This build's CLI as an executable, standing in for bin/codex-fence (which would run Maven). */
    private Path launcher() throws IOException {
        Path launcher = dir.resolve("codex-fence");
        if (!Files.exists(launcher)) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(
                    launcher,
                    "#!/bin/sh\nexec " + quote(java) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfence.root="
                            + quote(CliProcess.repositoryRoot().toString()) + " -cp "
                            + quote(System.getProperty("java.class.path"))
                            + " " + Main.class.getName() + " \"$@\"\n");
            launcher.toFile().setExecutable(true);
        }
        return launcher;
    }

    private static String quote(String s) {
        assertThat(s).doesNotContain("'");
        return "'" + s + "'";
    }

    /** A GitHub artifact name pattern ({@code *}, {@code ?}) as a regex. */
    private static String glob(String pattern) {
        StringBuilder sb = new StringBuilder();
        Matcher m = Pattern.compile("[*?]|[^*?]+").matcher(pattern);
        while (m.find()) {
            sb.append(
                    switch (m.group()) {
                        case "*" -> ".*";
                        case "?" -> ".";
                        default -> Pattern.quote(m.group());
                    });
        }
        return sb.toString();
    }
}
