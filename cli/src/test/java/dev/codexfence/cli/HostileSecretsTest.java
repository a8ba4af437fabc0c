package dev.codexfence.cli;

import static dev.codexfence.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.record.Redactor;
import dev.codexfence.engine.internal.record.SecretEncodings;
import dev.codexfence.engine.internal.run.ProbeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hostile probes (fixtures/hostile/secrets) that hunt for the user's secrets: in their own environment (now
 * allow-listed, so empty of them) and in {@code /proc/<ancestor>/environ} of the harness JVM (readable in
 * baseline), and put whatever they find, plain and encoded, into every field of their record, on stderr with a
 * failing exit, and on stdout around their record. The CLI runs them as a separate JVM with four canary
 * secrets exported, and so does the JUnit Launcher (as under Surefire); no canary, in any encoding or as a
 * piece of 12 characters, may appear in stdout, the NDJSON file, stderr, any report entry or any failure
 * message. In baseline, and in codex-sandbox where the codex CLI is installed.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSecretsTest {

    static final Map<String, String> CANARIES = new LinkedHashMap<>();

    static {
        CANARIES.put("OPENAI_API_KEY", "sk-proj-HsT4cAnArYq8Wz2Lm5Nb7Vc1Xr9Ty3Ui6Op0As4Df8Gh2Jk5Lz7Qx1Cv3Bn");
        CANARIES.put("AWS_SECRET_ACCESS_KEY", "hStCaNaRy7/K7MDENG+bPxRfiCYq3Wd8Zk1Mv6Tx9");
        CANARIES.put("GITHUB_TOKEN", "ghp_HsTcAnArY4Fj8Rk2Wp6Qz9Xv1Bn5Lm3Tc7Gd0");
        CANARIES.put("DB_PASSWORD", "Hs7 canary&pw=42x");
    }

    static final Path PROBES = CliProcess.fixture("hostile/secrets");
    static final List<String> PROBE_IDS = List.of("sec_fields", "sec_stderr", "sec_stdout");
    /** What a probe's environment may hold besides the allow-list: bash's own, and codex's own under codex. */
    static final Set<String> SHELL_AND_CODEX = Set.of(
            "PWD",
            "OLDPWD",
            "SHLVL",
            "_",
            "CODEX_MANAGED_BY_NPM",
            "CODEX_MANAGED_PACKAGE_ROOT",
            "CODEX_SANDBOX_NETWORK_DISABLED",
            "CODEX_SANDBOX");

    private final Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
    private boolean codexHere;
    private CliProcess.Result cli;
    private String ndjson;
    private List<JsonNode> records;
    private String dump;
    private CliProcess.Result dumpProcess;

    @BeforeAll
    void runTheHostileProbes(@TempDir Path tmp) throws Exception {
        codexHere = Files.isExecutable(codex);
        String modes = codexHere ? "baseline,codex-sandbox" : "baseline";

        Path out = Files.createDirectories(tmp.resolve("cli-out"));
        List<String> args = new ArrayList<>(List.of(
                "--rattle",
                "--probes",
                PROBES.toString(),
                "--mode",
                modes,
                "--timeout",
                "60",
                "--output",
                out.toString()));
        PROBE_IDS.forEach(id -> args.addAll(List.of("--probe", id)));
        if (codexHere) {
            args.addAll(List.of("--codex", codex.toString()));
        }
        CliProcess process = cli(args.toArray(String[]::new)).timeout(Duration.ofMinutes(4));
        CANARIES.forEach(process::env);
        cli = process.run();
        try (var files = Files.walk(out)) {
            List<Path> found =
                    files.filter(f -> f.toString().endsWith(".ndjson")).toList();
            assertThat(found).as(cli.toString()).hasSize(1);
            ndjson = Files.readString(found.get(0));
        }
        records = cli.lines().stream()
                .map(l -> (JsonNode) FenceJson.MAPPER.readTree(l))
                .toList();

        Path dumpFile = tmp.resolve("engine-report.txt");
        List<String> dumpArgs = new ArrayList<>(List.of(
                dumpFile.toString(),
                Files.createDirectories(tmp.resolve("engine-out")).toString(),
                modes,
                codexHere ? codex.toString() : "-"));
        PROBE_IDS.forEach(id -> dumpArgs.add(PROBES.resolve(id + ".sh").toString()));
        dumpProcess = runJava(EngineReportDump.class.getName(), dumpArgs);
        assertThat(dumpFile).as(dumpProcess.toString()).exists();
        dump = Files.readString(dumpFile);
    }

    @Test
    void noCanaryInAnyEncodingReachesStdoutTheNdjsonStderrAReportEntryOrAFailureMessage() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("CLI stdout", cli.stdout());
        outputs.put("CLI stdout, decoded", decoded(cli.stdout()));
        outputs.put("CLI stderr", cli.stderr());
        outputs.put("NDJSON file", ndjson);
        outputs.put("NDJSON file, decoded", decoded(ndjson));
        outputs.put("Launcher report entries and failures", dump);
        outputs.put(
                "Launcher report entries, decoded",
                decoded(dump.lines()
                        .filter(l -> l.contains(" cfbo="))
                        .map(l -> l.substring(l.indexOf(" cfbo=") + 6))
                        .reduce("", (a, b) -> a + b + "\n")));
        outputs.put("Launcher JVM stdout and stderr", dumpProcess.stdout() + dumpProcess.stderr());
        assertThat(dump).contains("failure sec_stderr [baseline]", "failure sec_stdout [baseline]", "cfbo={");
        outputs.forEach((where, text) -> {
            if (!where.startsWith("Launcher JVM")) { // the engine never prints; that stream may well be empty
                assertThat(text).as(where).isNotBlank();
            }
            CANARIES.forEach((name, value) -> assertThat(SecretEncodings.leaks(text, value))
                    .as("%s of %s in %s", "encodings", name, where)
                    .isEmpty());
        });
    }

    @Test
    void inBaselineTheProbeFoundEveryCanaryInTheHarnessJvmButNoneInItsOwnEnvironment() {
        JsonNode r = record("sec_fields", "baseline");
        assertThat(r.at("/payload/raw/own_found").asString()).isEqualTo("0");
        assertThat(r.at("/payload/raw/proc_found").asString())
                .as("/proc/<ancestor>/environ was read")
                .isEqualTo("4");
        assertThat(record("sec_stderr", "baseline")
                        .at("/payload/raw/proc_found")
                        .asString())
                .isEqualTo("4");
    }

    @Test
    void whereTheProbePutACanaryTheRecordSaysRedacted() {
        JsonNode r = record("sec_fields", "baseline");
        assertThat(r.at("/result/message").asString().replace(Redactor.MARK, "X"))
                .isEqualTo(" X | X | X | X |");
        for (String field : List.of("/run/command", "/operation/target", "/result/error_detail")) {
            assertThat(r.at(field).asString().strip().split(" "))
                    .as(field)
                    .hasSize(4)
                    .containsOnly(Redactor.MARK);
        }
        JsonNode args = r.at("/operation/args");
        assertThat(args.size()).isEqualTo(4 * 13);
        args.properties()
                .forEach(e -> assertThat(e.getValue().asString().strip())
                        .as(e.getKey())
                        .isEqualTo(Redactor.MARK));
        JsonNode raw = r.at("/payload/raw");
        CANARIES.keySet().forEach(name -> {
            assertThat(raw.path(name + "_url").asString()).isEqualTo(Redactor.MARK);
            assertThat(raw.path(name + "_hex").asString()).isEqualTo(Redactor.MARK);
        });
        assertThat(r.at("/payload/stdout_snippet").asString().strip().split("\n"))
                .hasSize(4)
                .containsOnly(Redactor.MARK);
        assertThat(r.at("/payload/stderr_snippet").asString().strip().split(" "))
                .hasSize(4)
                .containsOnly(Redactor.MARK);
    }

    @Test
    void failureMessagesQuotingTheProbesOutputAreRedacted() {
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(cli.stderr())
                .contains(
                        "codex-fence: FAILED sec_stderr [baseline]: the probe exited with status 3",
                        "    stderr: " + Redactor.MARK + " " + Redactor.MARK + "\n",
                        "codex-fence: FAILED sec_stdout [baseline]: stdout carries more than the record: line 1: "
                                + Redactor.MARK + ";");
        JsonNode harnessMade = record("sec_stdout", "baseline");
        assertThat(harnessMade.at("/result/observed_result").asString()).isEqualTo("error");
        assertThat(harnessMade.at("/payload/stdout_snippet").asString())
                .startsWith(Redactor.MARK + "\n" + Redactor.MARK);
        assertThat(dump).contains("stderr: " + Redactor.MARK + " " + Redactor.MARK);
    }

    @Test
    void probesGetOnlyTheAllowListedEnvironment() {
        List<JsonNode> fields = records.stream()
                .filter(r -> r.at("/probe/id").asString().equals("sec_fields"))
                .toList();
        assertThat(fields).hasSize(codexHere ? 2 : 1);
        for (JsonNode r : fields) {
            List<String> names =
                    List.of(r.at("/payload/raw/env_names").asString().split(","));
            assertThat(names)
                    .as(r.at("/run/mode").asString())
                    .contains("PATH", "HOME", "FENCE_RUN_MODE", "FENCE_BIN")
                    .doesNotContainAnyElementsOf(CANARIES.keySet())
                    .allMatch(
                            n -> ProbeEnvironment.passes(n) || n.startsWith("FENCE_") || SHELL_AND_CODEX.contains(n),
                            "allow-listed");
        }
    }

    @Test
    void inCodexSandboxTheHarnessEnvironmentIsOutOfReach() {
        if (!codexHere) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but no codex CLI at " + codex + " (bin/install-codex)");
            }
            assumeTrue(false, "no project-local codex CLI at " + codex + " (bin/install-codex)");
        }
        List<JsonNode> sandboxed = records.stream()
                .filter(r -> r.at("/run/mode").asString().equals("codex-sandbox"))
                .toList();
        assumeTrue(!sandboxed.isEmpty(), "codex cannot sandbox on this host: " + cli.stderr());
        JsonNode r = record("sec_fields", "codex-sandbox");
        assertThat(r.at("/payload/raw/own_found").asString()).isEqualTo("0");
        assertThat(r.at("/payload/raw/proc_found").asString())
                .as("the pid namespace hides the harness")
                .isEqualTo("0");
        assertThat(sandboxed)
                .extracting(n -> n.at("/probe/id").asString())
                .containsExactlyInAnyOrderElementsOf(PROBE_IDS);
    }

    private JsonNode record(String probe, String mode) {
        return records.stream()
                .filter(r -> r.at("/probe/id").asString().equals(probe)
                        && r.at("/run/mode").asString().equals(mode))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + probe + " [" + mode + "]:\n" + cli));
    }

    /** Every string (keys too) of every JSON object line of {@code ndjson}, one per line. */
    private static String decoded(String ndjson) {
        StringBuilder sb = new StringBuilder();
        ndjson.lines().filter(l -> l.startsWith("{")).forEach(l -> strings(FenceJson.MAPPER.readTree(l), sb));
        return sb.toString();
    }

    private static void strings(JsonNode node, StringBuilder sb) {
        if (node.isString()) {
            sb.append(node.asString()).append('\n');
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                sb.append(e.getKey()).append('\n');
                strings(e.getValue(), sb);
            });
        } else if (node.isArray()) {
            node.forEach(n -> strings(n, sb));
        }
    }

    /** Runs a main class of this classpath as a separate JVM with the canaries in its environment. */
    private static CliProcess.Result runJava(String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("CODEX_FENCE_")
                        || k.startsWith("FENCE_")
                        || k.equals("MODES")
                        || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(CANARIES);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long start = System.nanoTime();
        Process p = pb.start();
        CliProcess.Drain out = new CliProcess.Drain(p.getInputStream());
        CliProcess.Drain err = new CliProcess.Drain(p.getErrorStream());
        out.start();
        err.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within 4 minutes; stderr so far:\n" + err.text());
        }
        out.join();
        err.join();
        return new CliProcess.Result(
                p.exitValue(), out.text(), err.text(), Duration.ofNanos(System.nanoTime() - start));
    }
}
