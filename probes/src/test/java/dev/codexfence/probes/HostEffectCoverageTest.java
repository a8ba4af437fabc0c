package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static check of the corpus against probes/README.md, "Host-side effects": every probe whose operation
 * creates, changes or moves a filesystem entry declares {@code host_effect_path}, every probe that acts on the
 * harness's outside process declares {@code host_effect_pid}, and no probe removes what it declared.
 */
class HostEffectCoverageTest {

    /** Verbs whose operation creates or changes a filesystem entry. */
    static final Set<String> PATH_VERBS = Set.of("write", "mkdir", "rename", "link", "mknod");
    /** Verbs acting on another process. */
    static final Set<String> PID_VERBS = Set.of("signal", "ptrace");

    private static final Pattern CATEGORY = Pattern.compile("--category\\s+(\\S+)");
    private static final Pattern VERB = Pattern.compile("--verb\\s+(\\S+)");
    private static final Pattern DECLARED_PATH =
            Pattern.compile("--payload-raw-field\\s+host_effect_path\\s+(\"[^\"]*\")");
    private static final Pattern DECLARED_PID =
            Pattern.compile("--payload-raw-field\\s+host_effect_pid\\s+(\"[^\"]*\")");
    private static final Pattern DECLARED_EXPECT =
            Pattern.compile("--payload-raw-field\\s+host_effect_expect\\s+\"?([a-z]+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    private static List<Probe> probes;

    /** One probe script: its id, its lines, and its report (its fence_emit or emit-record call) joined into one line. */
    record Probe(String id, List<String> lines, String emitCall) {

        String flag(Pattern p) {
            Matcher m = p.matcher(emitCall);
            if (!m.find()) {
                throw new AssertionError(id + ": the emit-record call has no literal "
                        + p.pattern().split("\\\\")[0] + " value (needed to check its host effects statically)");
            }
            return m.group(1);
        }

        Optional<String> declared(Pattern p) {
            Matcher m = p.matcher(emitCall);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        boolean mentions(String text) {
            return lines.stream().filter(l -> !l.strip().startsWith("#")).anyMatch(l -> l.contains(text));
        }
    }

    @BeforeAll
    static void readCorpus() throws IOException {
        probes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("."))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".sh"))
                    .sorted()
                    .toList()) {
                String name = f.getFileName().toString();
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                probes.add(new Probe(name.substring(0, name.length() - 3), lines, emitCall(name, lines)));
            }
        }
    }

    /** The lines from the one fence_emit (or emit-record) call to the end of its backslash continuation, joined. */
    private static String emitCall(String file, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String first = lines.get(i).strip();
            if (first.startsWith("fence_emit ") || first.contains("/emit-record\"") && !first.startsWith("#")) {
                StringBuilder call = new StringBuilder();
                for (int j = i; j < lines.size(); j++) {
                    String line = lines.get(j).stripTrailing();
                    boolean more = line.endsWith("\\");
                    call.append(more ? line.substring(0, line.length() - 1) : line)
                            .append(' ');
                    if (!more) {
                        break;
                    }
                }
                return call.toString();
            }
        }
        throw new AssertionError(file + " has no fence_emit (or \"$FENCE_BIN/emit-record\") call");
    }

    /** Whether the probe's operation creates or changes a file (the rules of probes/README.md). */
    static boolean needsPath(Probe p) {
        String category = p.flag(CATEGORY);
        String verb = p.flag(VERB);
        if (PATH_VERBS.contains(verb)) {
            return !category.equals("kernel"); // /proc and /sys knobs: no file is made
        }
        if (verb.equals("bind")) {
            return !p.mentions("target=\"@"); // an abstract socket has no path
        }
        if (verb.equals("exec")) {
            return p.emitCall().contains("--payload-raw-field write_step"); // it wrote the program it ran
        }
        return false;
    }

    @Test
    void theRulesSelectTheProbesThatWrite() {
        // guards the rules themselves: a parser that matched nothing would pass every check below
        List<String> writers = probes.stream()
                .filter(HostEffectCoverageTest::needsPath)
                .map(Probe::id)
                .toList();
        assertThat(writers)
                .hasSizeGreaterThanOrEqualTo(20)
                .contains(
                        "fs_write_home_scratch",
                        "fs_dev_shm_scratch",
                        "net_unix_bind_workspace",
                        "proc_exec_tmp_script",
                        "fs_rename_to_outside_dir",
                        "fs_mknod_char_device")
                .doesNotContain(
                        "net_unix_bind_abstract",
                        "kernel_proc_sys_open_write",
                        "fs_read_etc_hosts",
                        "proc_exec_git_version");
    }

    @Test
    void everyProbeThatWritesAFileDeclaresHostEffectPath() {
        List<String> missing = probes.stream()
                .filter(HostEffectCoverageTest::needsPath)
                .filter(p -> p.declared(DECLARED_PATH).isEmpty())
                .map(p -> p.id() + " (--verb " + p.flag(VERB) + ")")
                .toList();
        assertThat(missing)
                .as("probes that write a file but declare no --payload-raw-field host_effect_path")
                .isEmpty();
    }

    @Test
    void everyProbeActingOnTheOutsideProcessDeclaresHostEffectPid() {
        List<String> wrong = new ArrayList<>();
        for (Probe p : probes) {
            if (PID_VERBS.contains(p.flag(VERB)) && p.mentions("FENCE_OUTSIDE_PID")) {
                Optional<String> pid = p.declared(DECLARED_PID);
                if (pid.isEmpty() || !pid.get().startsWith("\"${FENCE_OUTSIDE_PID")) {
                    wrong.add(p.id() + " declares " + pid.orElse("nothing"));
                }
            }
        }
        assertThat(wrong)
                .as("probes acting on $FENCE_OUTSIDE_PID without host_effect_pid \"$FENCE_OUTSIDE_PID\"")
                .isEmpty();
    }

    @Test
    void deleteProbesDeclareTheirPathAndExpectItAbsent() {
        // for a delete, "absent after a success" is the expected outcome: the probe says so
        List<Probe> deletes =
                probes.stream().filter(p -> p.flag(VERB).equals("delete")).toList();
        assertThat(deletes).as("delete probes").isNotEmpty();
        assertThat(deletes).allSatisfy(p -> {
            assertThat(p.declared(DECLARED_PATH))
                    .as(p.id() + " declares host_effect_path")
                    .isPresent();
            assertThat(p.declared(DECLARED_EXPECT))
                    .as(p.id() + " expects absent")
                    .contains("absent");
        });
    }

    @Test
    void noProbeRemovesTheTargetItDeclared() {
        List<String> removing = new ArrayList<>();
        for (Probe p : probes) {
            Optional<String> declared = p.declared(DECLARED_PATH);
            if (declared.isEmpty() || p.flag(VERB).equals("delete")) { // removing it is a delete's operation
                continue;
            }
            Matcher vars = VARIABLE.matcher(declared.get());
            while (vars.find()) {
                Pattern rm = Pattern.compile("\\brm(dir)?\\b.*\\$\\{?" + vars.group(1) + "\\b");
                for (int i = 0; i < p.lines().size(); i++) {
                    String line = p.lines().get(i);
                    if (!line.strip().startsWith("#") && rm.matcher(line).find()) {
                        removing.add(p.id() + ":" + (i + 1) + " " + line.strip());
                    }
                }
            }
        }
        assertThat(removing)
                .as("lines removing a declared host_effect_path (the harness checks and removes it)")
                .isEmpty();
    }

    @Test
    void declaredScratchNamesStartWithTheHarnessPrefix() throws IOException {
        // the harness checks and removes only a name starting with .codex-fence-<probe id>- (anything else is a
        // contract violation): the name is built from that prefix, with $$ and more to keep runs apart
        List<String> unnamed = new ArrayList<>();
        List<String> undotted = new ArrayList<>();
        for (Probe p : probes) {
            if (p.declared(DECLARED_PATH).isEmpty()) {
                continue;
            }
            if (!p.mentions("fence_create_scratch_file")
                    && !p.mentions("fence_write_in_workspace_dotdir")
                    && !p.mentions("fence_write_and_run_script")
                    && !p.mentions("fence_workspace_link_to_outside")
                    && !p.mentions(".codex-fence-${probe_name}-$$")
                    && !p.mentions(".codex-fence-$probe_name-$$")
                    && !(p.mentions(".codex-fence-$suffix") && p.mentions("suffix=\"${probe_name}-$$"))) {
                unnamed.add(p.id());
            }
            if (p.mentions("\"codex-fence-${probe_name}") || p.mentions("/codex-fence-${probe_name}")) {
                undotted.add(p.id());
            }
        }
        assertThat(unnamed)
                .as("probes declaring a path without a .codex-fence-${probe_name}-$$ scratch name")
                .isEmpty();
        assertThat(undotted)
                .as("probes naming a scratch entry codex-fence-… without the leading dot")
                .isEmpty();
        // probes that let probe-lib.sh make the file rely on its naming
        String lib = Files.readString(Path.of("../probe-runtime/src/main/bash/probe-lib.sh"));
        assertThat(lib)
                .contains("target=\"${base%/}/.codex-fence-${probe_name}-$$-${RANDOM}\"")
                .contains("leaf=\".codex-fence-${probe_name}-$$-${RANDOM}\"")
                .contains("script=\"$dir/.codex-fence-${probe_name}-$$-${RANDOM}.sh\"")
                .contains("target=\"$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}\"");
    }

    @Test
    void aProbeDeclaresAtMostOneHostEffectAndNeverTheVerdict() {
        // payload.raw.host_effect is the harness's alone; two declarations are a contract violation
        List<String> wrong = new ArrayList<>();
        for (Probe p : probes) {
            long declarations = Pattern.compile("--payload-raw-field\\s+host_effect_(path|pid)\\s")
                    .matcher(p.emitCall())
                    .results()
                    .count();
            if (declarations > 1
                    || Pattern.compile("--payload-raw-field\\s+host_effect\\s")
                            .matcher(p.emitCall())
                            .find()) {
                wrong.add(p.id());
            }
        }
        assertThat(wrong)
                .as("probes declaring more than one host effect or writing host_effect itself")
                .isEmpty();
    }
}
