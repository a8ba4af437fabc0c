package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static checks: the helpers are bash 3.2 scripts, and emit-record starts no process. */
class ScriptSyntaxTest {

    static Stream<String> scripts() {
        return Stream.of("emit-record", "detect-stack", "portable-path", "json-extract");
    }

    /** Syntax that macOS /bin/bash 3.2 does not know (checked outside comments). */
    private static final Map<String, Pattern> BASH4_ONLY = Map.ofEntries(
            Map.entry("associative array", Pattern.compile("\\b(declare|local|typeset)\\s+-[a-zA-Z]*A")),
            Map.entry("nameref", Pattern.compile("\\b(declare|local|typeset)\\s+-[a-zA-Z]*n")),
            Map.entry("declare -g", Pattern.compile("\\b(declare|typeset)\\s+-[a-zA-Z]*g")),
            Map.entry("declare -l/-u", Pattern.compile("\\b(declare|local|typeset)\\s+-[a-zA-Z]*[lu]\\b")),
            Map.entry("mapfile", Pattern.compile("\\b(mapfile|readarray)\\b")),
            Map.entry("case modification", Pattern.compile("\\$\\{[#!]?[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?(\\^|,)")),
            Map.entry("@ transformation", Pattern.compile("\\$\\{[^}]*@[QEPAaKkUuL]}")),
            Map.entry("printf %(...)T", Pattern.compile("%\\([^)]*\\)T")),
            Map.entry("coproc", Pattern.compile("\\bcoproc\\b")),
            Map.entry("|& and &>>", Pattern.compile("\\|&|&>>")),
            Map.entry(";& and ;;&", Pattern.compile(";;&|[^;];&")),
            Map.entry("{fd}> redirection", Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}[<>]")),
            Map.entry("globstar/lastpipe", Pattern.compile("shopt\\s+-s\\s+(globstar|lastpipe)")),
            Map.entry("[[ -v ]]", Pattern.compile("\\[\\[\\s+-v\\b|\\btest\\s+-v\\b")),
            Map.entry("negative subscript", Pattern.compile("\\[-[0-9]+]")),
            Map.entry("wait -n / read -i", Pattern.compile("\\bwait\\s+-n\\b|\\bread\\s+(-[a-z]+\\s+)*-i\\b")),
            Map.entry("bash 4/5 variables", Pattern.compile("\\$\\{?(BASHPID|EPOCHREALTIME|EPOCHSECONDS|SRANDOM)\\b")));

    private static List<String> codeLines(String name) throws IOException {
        return Files.readAllLines(Scripts.script(name), UTF_8).stream()
                .filter(l -> !l.strip().startsWith("#"))
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void isAnExecutableBashScript(String name) throws IOException {
        Path p = Scripts.script(name);
        assertThat(Files.isExecutable(p)).as(name + " is executable").isTrue();
        assertThat(Files.readAllLines(p, UTF_8).get(0)).isEqualTo("#!/usr/bin/env bash");
        Scripts.Result r = Scripts.run(List.of("bash", "-n", p.toString()), Map.of(), null);
        assertThat(r.exit()).as("bash -n %s: %s", name, r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    /** The helpers plus probe-lib.sh, which probes source rather than run. */
    static Stream<String> allBash() {
        return Stream.concat(scripts(), Stream.of("probe-lib.sh"));
    }

    @Test
    void probeLibParses() {
        Path p = Scripts.script("probe-lib.sh");
        Scripts.Result r = Scripts.run(List.of("bash", "-n", p.toString()), Map.of(), null);
        assertThat(r.exit()).as("bash -n probe-lib.sh: %s", r.stderr()).isZero();
    }

    @ParameterizedTest
    @MethodSource("allBash")
    void usesNoBash4OnlySyntax(String name) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = codeLines(name);
        assertThat(lines).as("code lines of %s", name).isNotEmpty();
        for (int i = 0; i < lines.size(); i++) {
            for (var e : BASH4_ONLY.entrySet()) {
                if (e.getValue().matcher(lines.get(i)).find()) {
                    found.add(e.getKey() + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(found).as(name).isEmpty();
    }

    @Test
    void theCheckItselfCatchesBash4Syntax() {
        for (String bad : List.of(
                "declare -A m",
                "local -n ref=x",
                "mapfile -t a",
                "y=${x,,}",
                "y=${x^^}",
                "y=${x@Q}",
                "printf '%(%s)T' -1",
                "exec {fd}>f",
                "declare -g x",
                "cmd |& cat")) {
            assertThat(BASH4_ONLY.values().stream().anyMatch(p -> p.matcher(bad).find()))
                    .as(bad)
                    .isTrue();
        }
        for (String fine : List.of(
                "local s=$1 i c o=",
                "case $1 in --x) ;; esac",
                "x=${y//,/$r}",
                "printf -v c '\\\\u%04x' \"'$c\"",
                "x=${s:i:4096}",
                "a=(\"${a[@]}\")")) {
            assertThat(BASH4_ONLY.values().stream()
                            .anyMatch(p -> p.matcher(fine).find()))
                    .as(fine)
                    .isFalse();
        }
    }

    @Test
    void theBenchmarkIsAValidScript() {
        Path bench = Scripts.BIN.resolve("../../../bench/emit-record-bench.sh").normalize();
        assertThat(Files.isExecutable(bench)).as(bench.toString()).isTrue();
        Scripts.Result r = Scripts.run(List.of("bash", "-n", bench.toString()), Map.of(), null);
        assertThat(r.exit()).as("%s", r).isZero();
    }

    @Test
    void emitRecordHasNoCommandSubstitutionHereDocumentOrProcessSubstitution() throws IOException {
        String src = Files.readString(Scripts.script("emit-record"), UTF_8);
        assertThat(src)
                .doesNotContain("$(")
                .doesNotContain("`")
                .doesNotContain("<<")
                .doesNotContain("<(")
                .doesNotContain(">(");
    }

    private static String absoluteBash() {
        for (String dir : System.getenv().getOrDefault("PATH", "/bin:/usr/bin").split(File.pathSeparator)) {
            Path b = Path.of(dir, "bash");
            if (Files.isExecutable(b)) {
                return b.toString();
            }
        }
        return "/bin/bash";
    }

    private static List<String> everyKindOfFlag(Path dir) throws IOException {
        Path file = dir.resolve("f.json");
        Files.writeString(file, "{\"stdout_snippet\":\"x\"}\n");
        List<String> cmd = new ArrayList<>(Scripts.REQUIRED);
        cmd.addAll(List.of(
                "--run-mode",
                "baseline",
                "--probe-version",
                "2",
                "--secondary-capability-id",
                "cap_b",
                "--errno",
                "EPERM",
                "--message",
                "a\"b\\c\nd\u0001e",
                "--raw-exit-code",
                "-007",
                "--error-detail",
                "x",
                "--payload-stdout",
                "é".repeat(600),
                "--payload-stderr-file",
                file.toString(),
                "--payload-file",
                file.toString(),
                "--payload-raw",
                "{}",
                "--payload-raw-file",
                file.toString(),
                "--payload-raw-field",
                "a/b~",
                "v",
                "--payload-raw-field-json",
                "j",
                "[1]",
                "--payload-raw-list",
                "l",
                "a,b",
                "--payload-raw-null",
                "n",
                "--operation-args",
                "{}",
                "--operation-args-file",
                file.toString(),
                "--operation-arg",
                "k",
                "v",
                "--operation-arg-json",
                "j",
                "1",
                "--operation-arg-list",
                "l",
                "",
                "--operation-arg-null",
                "n"));
        return cmd;
    }

    @Test
    void emitRecordRunsWithAnEmptyPath(@TempDir Path dir) throws IOException {
        // any external command would fail with "command not found" on stderr
        List<String> cmd = new ArrayList<>(
                List.of(absoluteBash(), Scripts.script("emit-record").toString()));
        cmd.addAll(everyKindOfFlag(dir));
        Scripts.Result r = Scripts.run(cmd, Map.of("PATH", dir.resolve("empty").toString(), "LANG", "C.UTF-8"), null);
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.json().get("json_fragments").size()).isEqualTo(7);

        Scripts.Result err = Scripts.run(
                List.of(absoluteBash(), Scripts.script("emit-record").toString(), "--x"),
                Map.of("PATH", dir.resolve("empty").toString()),
                null);
        assertThat(err.exit()).isEqualTo(64);
        assertThat(err.stderr()).isEqualTo("emit-record: unknown flag: --x\n");
    }

    @Test
    void emitRecordForksNothing(@TempDir Path dir) throws IOException {
        Path strace = Path.of("/usr/bin/strace");
        assumeTrue(Files.isExecutable(strace), "strace is not installed");
        Path log = dir.resolve("trace");
        List<String> cmd = new ArrayList<>(List.of(
                strace.toString(),
                "-f",
                "-qq",
                "-o",
                log.toString(),
                "-e",
                "trace=execve,fork,vfork,clone,clone3",
                absoluteBash(),
                Scripts.script("emit-record").toString()));
        cmd.addAll(everyKindOfFlag(dir));
        Scripts.Result r = Scripts.run(cmd, Map.of("LANG", "C.UTF-8"), null);
        assumeTrue(r.exit() == 0 || !r.stderr().contains("ptrace"), "strace cannot trace here");
        assertThat(r.exit()).as("%s", r).isZero();
        List<String> calls = Files.readAllLines(log, UTF_8);
        assertThat(calls).as("system calls").hasSize(1);
        assertThat(calls.get(0)).contains("execve(");
    }
}
