package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * probe-lib.sh's functions return their results in variables: each sets exactly the variables its header comment
 * lists after "Sets" (besides the FENCE_* variables of the low-level functions it calls), and nothing else.
 */
class ProbeLibOutputsTest {

    /** What the low-level functions set (the top of probe-lib.sh); any function that calls them sets them too. */
    private static final Set<String> LOW_LEVEL =
            Set.of("FENCE_OUT", "FENCE_ERR", "FENCE_RC", "FENCE_ERRNO", "FENCE_LINES", "FENCE_PLATFORM");

    private static final String PYTHON = "cmd rc out err errno step status message";

    /** Each public function, a call that takes its main path, and the variables it must set. */
    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of(
                        "fence_emit",
                        "fence_emit --command c --category fs --verb read --target t --status success >/dev/null",
                        ""),
                Arguments.of("fence_run", "fence_run true", "FENCE_OUT FENCE_ERR FENCE_RC"),
                Arguments.of("fence_try", "fence_try true", "cmd rc out err"),
                Arguments.of("fence_errno_from_text", "fence_errno_from_text 'Permission denied'", "FENCE_ERRNO"),
                Arguments.of(
                        "fence_classify_failure",
                        "fence_classify_failure EPERM '{errno}' '{rc}'",
                        "errno status message"),
                Arguments.of("fence_classify_errno", "fence_classify_errno EPERM '{errno}' '{rc}'", "status message"),
                Arguments.of("fence_have", "fence_have ls", ""),
                Arguments.of("fence_python3", "fence_python3 -c pass", ""),
                Arguments.of("fence_python_run", "fence_python_run missing 'print(1)'", PYTHON),
                Arguments.of(
                        "fence_python_verdict", "fence_python_verdict EPERM ok no missing 'print(\"ok\")'", PYTHON),
                Arguments.of("fence_platform", "fence_platform", "FENCE_PLATFORM"),
                Arguments.of(
                        "fence_attempt",
                        "fence_attempt 'running true' EPERM true",
                        "cmd rc out err errno status message"),
                Arguments.of(
                        "fence_create_scratch_file",
                        "fence_create_scratch_file \"$d\"",
                        "target cmd rc err errno status message"),
                Arguments.of(
                        "fence_write_in_workspace_dotdir",
                        "fence_write_in_workspace_dotdir .codex",
                        "target cmd rc err errno status message dotdir preexisting mkdir_step write_step"),
                Arguments.of("fence_remove_made_dotdir", "fence_remove_made_dotdir", ""),
                Arguments.of("fence_count_lines", "fence_count_lines $'a\\nb'", "FENCE_LINES"),
                Arguments.of(
                        "fence_list_metadata",
                        "fence_list_metadata \"$d\" shown",
                        "target cmd rc out err errno status message exists kind entries"),
                Arguments.of(
                        "fence_list_home_folder",
                        "HOME=$d fence_list_home_folder .",
                        "target cmd rc out err errno status message exists kind entries"),
                Arguments.of(
                        "fence_open_first_for_write",
                        "fence_open_first_for_write \"$d/none\" \"$d/f\"",
                        "target " + PYTHON),
                Arguments.of(
                        "fence_write_and_run_script",
                        "fence_write_and_run_script \"$d\" 'in d' 'no d'",
                        "script target cmd rc out err errno status message write_step exec_step"),
                Arguments.of(
                        "fence_tcp_connect", "fence_tcp_connect 'port 1' ECONNREFUSED 127.0.0.1 1", "target " + PYTHON),
                Arguments.of("fence_forked_setid", "fence_forked_setid gid", "target " + PYTHON),
                Arguments.of(
                        "fence_socket_create",
                        "fence_socket_create 'socket.AF_UNIX, socket.SOCK_STREAM' 'a socket'",
                        PYTHON),
                Arguments.of("fence_exec_tool", "fence_exec_tool true", "target cmd rc out err errno status message"),
                Arguments.of(
                        "fence_read_in_workspace",
                        "fence_read_in_workspace f '{rc}'",
                        "target cmd rc out err errno status message"),
                Arguments.of(
                        "fence_grep_codex_config",
                        "CODEX_HOME=$d fence_grep_codex_config absent -c x || true",
                        "target cmd rc out err errno status message exists"),
                Arguments.of(
                        "fence_workspace_link_to_outside",
                        "FENCE_OUTSIDE_DIR=$d fence_workspace_link_to_outside || true",
                        "fixture target rc err errno status message"),
                Arguments.of(
                        "fence_read_sysctl",
                        "fence_read_sysctl kern.ostype",
                        "target cmd rc out err errno status message lines"));
    }

    /** The variables that did not exist before {@code call} and do after it. */
    private static Set<String> newVariables(String call) {
        String script = "set -euo pipefail\nprobe_name=pl_test primary_capability_id=cap_a\n"
                + "FENCE_BIN='" + Scripts.BIN + "'\n"
                + "d=$(mktemp -d) && touch \"$d/f\" && FENCE_WORKSPACE_ROOT=$d\n"
                + ". '" + Scripts.script("probe-lib.sh") + "'\n"
                + "__before=$(compgen -v)\n" + call + "\n__after=$(compgen -v)\nrm -rf \"$d\"\n"
                + "printf '%s\\n' \"$__after\" | grep -vxF -e \"$(printf '%s\\n' \"$__before\")\" -e __before | LC_ALL=C sort || true";
        Scripts.Result r = Scripts.run(List.of("bash", "-c", script), Map.of(), null);
        assertThat(r.exit()).as("%s", r).isZero();
        return new TreeSet<>(r.stdoutLines());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void setsExactlyTheVariablesItsCommentLists(String function, String call, String outputs) throws IOException {
        Set<String> expected = new TreeSet<>(Arrays.asList(outputs.split(" ")));
        expected.remove("");
        Set<String> set = newVariables(call);
        set.removeIf(v -> LOW_LEVEL.contains(v) && !expected.contains(v));
        assertThat(set).as("variables %s sets", function).isEqualTo(expected);
        String comment = headerComment(function);
        for (String v : expected) {
            assertThat(comment)
                    .as("the comment of %s names what it sets", function)
                    .containsPattern("Sets[^.]*\\b" + Pattern.quote(v) + "\\b");
        }
        if (expected.isEmpty()) {
            assertThat(comment).as("the comment of %s", function).contains("Sets nothing");
        }
    }

    @Test
    void everyFunctionIsCoveredAndSourcingTheFileSetsNoVariable() throws IOException {
        Set<String> covered = calls().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertThat(functions()).filteredOn(f -> !f.startsWith("_")).containsExactlyInAnyOrderElementsOf(covered);
        String script = "set -euo pipefail\n__before=$(compgen -v)\n. '" + Scripts.script("probe-lib.sh") + "'\n"
                + "__after=$(compgen -v)\nprintf '%s\\n' \"$__after\" | grep -vxF -e \"$(printf '%s\\n' \"$__before\")\" -e __before || true";
        Scripts.Result r = Scripts.run(List.of("bash", "-c", script), Map.of(), null);
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).as("variables set by sourcing probe-lib.sh").isEmpty();
    }

    @Test
    void theCheckSeesAVariableAFunctionSetsWithoutSayingSo() {
        // the comparison itself: an undeclared global shows up
        assertThat(newVariables("fence_run true; leaked=1")).contains("leaked", "FENCE_RC");
    }

    private static List<String> lines() throws IOException {
        return Files.readAllLines(Scripts.script("probe-lib.sh"), UTF_8);
    }

    private static List<String> functions() throws IOException {
        List<String> names = new ArrayList<>();
        Pattern def = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\(\\) \\{$");
        for (String line : lines()) {
            Matcher m = def.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).as("functions of probe-lib.sh").isNotEmpty();
        return names;
    }

    /** The comment lines right above {@code function() {}, joined. */
    private static String headerComment(String function) throws IOException {
        List<String> all = lines();
        int at = all.indexOf(function + "() {");
        assertThat(at).as("definition of %s", function).isPositive();
        List<String> comment = new ArrayList<>();
        for (int i = at - 1; i >= 0 && all.get(i).startsWith("#"); i--) {
            comment.add(0, all.get(i).substring(1).strip());
        }
        return String.join(" ", comment);
    }
}
