package dev.codexfence.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The functions probes source from probe-lib.sh: capture, errno names, the shared classifications and fence_emit. */
class ProbeLibTest {

    /** Runs {@code body} after sourcing probe-lib.sh under strict mode; prints what the body echoes. */
    static String bash(String body) {
        return bash(body, Map.of());
    }

    static String bash(String body, Map<String, String> env) {
        String script = "set -euo pipefail\nprobe_name=pl_test\n. '" + Scripts.script("probe-lib.sh") + "'\n" + body;
        Scripts.Result r = Scripts.run(List.of("bash", "-c", script), env, null);
        assertThat(r.exit()).as("bash exit; stderr: %s", r.stderr()).isZero();
        return r.stdout().strip();
    }

    /** Prints status, errno and message, separated by |. */
    static final String SHOW = "\nprintf '%s|%s|%s' \"$status\" \"$errno\" \"$message\"";

    @Test
    void fenceRunCapturesBothStreamsAndTheExitCodeWithoutTrippingSetE() {
        assertThat(
                        bash(
                                "fence_run sh -c 'echo out; echo err >&2; exit 3'\nprintf '%s|%s|%s' \"$FENCE_OUT\" \"$FENCE_ERR\" \"$FENCE_RC\""))
                .isEqualTo("out|err|3");
    }

    @Test
    void fenceTryRecordsTheCommandAndTellsWhetherItExitedZero() {
        String show = "printf '%s|%s|%s|%s' \"$cmd\" \"$rc\" \"$out\" \"$err\"";
        assertThat(bash("if fence_try sh -c 'echo a b; echo e >&2'; then printf 'ok|'; fi\n" + show))
                .isEqualTo("ok|sh -c echo\\ a\\ b\\;\\ echo\\ e\\ \\>\\&2 |0|a b|e");
        assertThat(bash("if ! fence_try sh -c 'exit 4'; then printf 'failed|'; fi\n" + show))
                .isEqualTo("failed|sh -c exit\\ 4 |4||");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "touch: cannot touch 'x': Read-only file system|EROFS",
                "ln: failed to create hard link 'a': Invalid cross-device link|EXDEV",
                "unshare: unshare failed: Operation not permitted|EPERM",
                "bash: line 1: kill: (42) - No such process|ESRCH",
                "connect: Connection refused|ECONNREFUSED",
                "something else entirely|"
            })
    void errnoNamesComeFromStrerrorText(String text, String errno) {
        assertThat(bash("fence_errno_from_text \"" + text.replace("\"", "\\\"") + "\"\nprintf '%s' \"$FENCE_ERRNO\""))
                .isEqualTo(errno == null ? "" : errno);
    }

    @Test
    void classifyFailureDeniesAPolicyErrnoAndOtherwiseReportsTheExitCode() {
        String refused = "'reading x was refused ({errno})' 'could not read x (rc={rc} {errno})'";
        assertThat(bash("rc=1 err='cat: x: Permission denied'\nfence_classify_failure 'EACCES EPERM' " + refused
                        + SHOW))
                .isEqualTo("denied|EACCES|reading x was refused (EACCES)");
        assertThat(bash("rc=1 err='cat: x: No such file or directory'\nfence_classify_failure 'EACCES EPERM' " + refused
                        + SHOW))
                .isEqualTo("error|ENOENT|could not read x (rc=1 ENOENT)");
        assertThat(bash("rc=2 err='cat: something odd'\nfence_classify_failure 'EACCES EPERM' " + refused + SHOW))
                .isEqualTo("error||could not read x (rc=2 no errno)");
        // no stderr at all: no errno, never denied
        assertThat(bash("rc=1\nfence_classify_failure 'EACCES' " + refused + SHOW))
                .isEqualTo("error||could not read x (rc=1 no errno)");
    }

    @Test
    void classifyErrnoJudgesAnErrnoTheProbeFoundItself() {
        assertThat(bash("errno=EPERM step=bind\nfence_classify_errno 'EPERM EACCES' 'refused at {step} ({errno})' 'x'"
                        + SHOW))
                .isEqualTo("denied|EPERM|refused at bind (EPERM)");
        // a name that merely contains a policy errno is not one
        assertThat(bash("errno=EPERMX\nfence_classify_errno 'EPERM' 'refused' '{errno} is no policy errno'" + SHOW))
                .isEqualTo("error|EPERMX|EPERMX is no policy errno");
    }

    @Test
    void messageTemplatesFillTheirPlaceholdersAndKeepEverythingElseVerbatim() {
        // values are copied as they are (bash 5.2 would turn & in a ${x//p/r} replacement into the match)
        assertThat(bash("errno=EROFS rc=3 step='a&b\\\\c' out='ok 1,2'\n"
                        + "fence_classify_errno 'EROFS' '{errno} {rc} {step} {answer} {other} ${FENCE_WORKSPACE_ROOT} {errno' ''"
                        + SHOW))
                .isEqualTo("denied|EROFS|EROFS 3 a&b\\\\c 1,2 {other} ${FENCE_WORKSPACE_ROOT} {errno");
    }

    @Test
    void fenceAttemptClassifiesSuccessPolicyDenialAndOtherFailures() {
        assertThat(bash("fence_attempt 'running true' 'EPERM' true" + SHOW))
                .isEqualTo("success||running true succeeded");
        assertThat(bash("fence_attempt 'touching' 'EROFS EPERM' sh -c 'echo \"x: Read-only file system\" >&2; exit 1'\n"
                        + "printf '%s|%s|%s|%s' \"$status\" \"$errno\" \"$rc\" \"$message\""))
                .isEqualTo("denied|EROFS|1|touching was refused (EROFS)");
        assertThat(bash("fence_attempt 'touching' 'EROFS' sh -c 'echo \"x: No such file or directory\" >&2; exit 1'"
                        + SHOW))
                .isEqualTo("error|ENOENT|touching failed (exit 1) without a policy errno (ENOENT)");
        assertThat(bash("fence_attempt 'running' 'EPERM' no-such-tool-here --x" + SHOW))
                .isEqualTo("error||no-such-tool-here not found on PATH");
    }

    /** fence_python_verdict with the given leading options and program, judged with policy EPERM EACCES. */
    private static String verdict(String options, String program) {
        return bash(
                "fence_python_verdict 'EPERM EACCES' 'made it ({answer})' 'making it was refused at {step} ({errno})' "
                        + options + " 'no python' '" + program + "'" + SHOW);
    }

    @Test
    void pythonVerdictClassifiesOkPolicyErrnoOtherErrnoAndNoAnswer() {
        assertThat(verdict("", "print(\"ok done\")")).isEqualTo("success||made it (done)");
        assertThat(verdict("", "print(\"errno EPERM socket\")"))
                .isEqualTo("denied|EPERM|making it was refused at socket (EPERM)");
        assertThat(verdict("", "print(\"errno ENOENT open path=/x\")"))
                .isEqualTo("error|ENOENT|open path=/x failed with ENOENT, which is not a policy refusal");
        assertThat(verdict("", "sys.exit(3)")).isEqualTo("error||python3 gave no usable answer (exit 3)");
        assertThat(verdict("", "print(\"maybe\")")).isEqualTo("error||python3 gave no usable answer (exit 0): maybe");
    }

    @Test
    void pythonVerdictAsksNothingWithoutPython3OrWithoutWhatTheProbeNeeds() {
        String fail = "print(\"ok\"); open(\"/proc/self/not-run\")"; // would be "ok" if it ran
        assertThat(verdict("--require PL_TEST_VAR", fail))
                .isEqualTo("error||PL_TEST_VAR is not set; the harness must export it");
        assertThat(bash(
                        "PL_TEST_VAR=1\nfence_python_verdict 'EPERM' 'ok' 'no' --require PL_TEST_VAR 'no python' 'print(\"ok\")'"
                                + SHOW))
                .isEqualTo("success||ok");
        assertThat(verdict("--unable 'no syscall number here'", fail)).isEqualTo("error||no syscall number here");
        assertThat(verdict("--unable ''", "print(\"ok x\")")).isEqualTo("success||made it (x)");
        // no python3 on PATH: the MISSING message, and the command is still recorded
        assertThat(bash(
                        "PATH=/nonexistent\nfence_python_verdict 'EPERM' 'ok' 'no' 'no python here' 'print(1)' arg"
                                + SHOW + "\nprintf '|%s|%s' \"$rc\" \"${cmd:0:10}\"",
                        Map.of("FENCE_PYTHON3", "")))
                .isEqualTo("error||no python here||python3 -c");
    }

    @Test
    void thePythonPreludeNamesErrnosAndRunsAnActionInAForkedChild() {
        String program = "parent = os.getpid()\n"
                + "def elsewhere():\n"
                + "    if os.getpid() == parent:\n"
                + "        raise OSError(errno.EPERM, \"in the parent\")\n"
                + "print(\"ok\", name(1), name(0), name(99999), in_child(elsewhere), in_child(lambda: os.close(987654)))";
        assertThat(bash("fence_python_run 'no python' '" + program + "'\nprintf '%s|%s' \"$out\" \"$status\""))
                .isEqualTo("ok EPERM EUNKNOWN ERRNO_99999 ok errno EBADF|error");
    }

    @Test
    void fencePython3RunsTheInterpreterTheHarnessResolvedElsePython3FromPath() {
        // stand-ins that say who they are: $d/py (what FENCE_PYTHON3 names) and $d/bin/python3 (first on PATH)
        String setUp = "d=$(mktemp -d)\nmkdir \"$d/bin\"\n"
                + "printf '#!/bin/sh\\necho resolved \"$*\"\\n' > \"$d/py\"\n"
                + "printf '#!/bin/sh\\necho from-path \"$*\"\\n' > \"$d/bin/python3\"\n"
                + "chmod +x \"$d/py\" \"$d/bin/python3\"\nPATH=\"$d/bin:$PATH\"\n";
        String show = "\nprintf '%s|%s' \"$FENCE_OUT\" \"$FENCE_RC\"\nrm -rf \"$d\"";
        assertThat(bash(setUp + "FENCE_PYTHON3=\"$d/py\"\nfence_run fence_python3 -c 'print(1)' a" + show))
                .isEqualTo("resolved -c print(1) a|0");
        assertThat(bash(setUp + "unset FENCE_PYTHON3\nfence_run fence_python3 -c 'print(1)' a" + show))
                .isEqualTo("from-path -c print(1) a|0");
        assertThat(bash(setUp + "FENCE_PYTHON3=\"$d/not-there\"\nfence_run fence_python3 -c 'print(1)' a" + show))
                .isEqualTo("from-path -c print(1) a|0");
        // the shared classification goes through it too; the record names python3 and the whole program
        assertThat(bash(setUp + "printf '#!/bin/sh\\necho ok resolved\\n' > \"$d/py\"\nFENCE_PYTHON3=\"$d/py\"\n"
                        + "fence_python_verdict 'EPERM' 'made it' 'making it' 'no python' 'print(1)'\n"
                        + "printf '%s|%s|%s' \"$status\" \"$out\" \"$cmd\"\nrm -rf \"$d\""))
                .startsWith("success|ok resolved|python3 -c $'import errno, os, sys\\ndef name(n):")
                .endsWith("\\nprint(1)'");
    }

    @Test
    void fenceEmitReportsWithTheProbesDeclarationsAndTheModeOfTheRun() {
        String declare = "FENCE_BIN='" + Scripts.BIN + "'\nprobe_version=4 primary_capability_id=cap_a\n";
        String call =
                "fence_emit --command c --category fs --verb read --target t --status success --payload-raw-field k v\n";
        JsonNode r = Scripts.JSON.readTree(bash(
                declare + "secondary_capability_ids='  cap_b\tcap_c  cap_b '\n" + call,
                Map.of("FENCE_RUN_MODE", "codex-sandbox")));
        assertThat(r.at("/probe/id").asString()).isEqualTo("pl_test");
        assertThat(r.at("/probe/version").asString()).isEqualTo("4");
        assertThat(r.at("/probe/primary_capability_id").asString()).isEqualTo("cap_a");
        assertThat(r.at("/probe/secondary_capability_ids").toString()).isEqualTo("[\"cap_b\",\"cap_c\"]");
        assertThat(r.at("/run/mode").asString()).isEqualTo("codex-sandbox");
        assertThat(r.at("/payload/raw/k").asString()).isEqualTo("v");
        // without a secondary declaration, a version or a mode: emit-record's defaults
        JsonNode plain =
                Scripts.JSON.readTree(bash("FENCE_BIN='" + Scripts.BIN + "'\nprimary_capability_id=cap_a\n" + call));
        assertThat(plain.at("/probe/version").asString()).isEqualTo("1");
        assertThat(plain.at("/probe/secondary_capability_ids").toString()).isEqualTo("[]");
        assertThat(plain.at("/run/mode").asString()).isEqualTo("baseline");
    }

    @Test
    void fenceEmitFailsLikeEmitRecordWhenADeclarationIsMissing() {
        String script = "set -euo pipefail\n. '" + Scripts.script("probe-lib.sh") + "'\nFENCE_BIN='" + Scripts.BIN
                + "'\n" + "fence_emit --command c --category fs --verb read --target t --status success\necho after";
        Scripts.Result r = Scripts.run(List.of("bash", "-c", script), Map.of(), null);
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("emit-record: missing required flag(s): --probe-name --primary-capability-id");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''|0", "a|1", "a\\nb|2", "a\\n\\nb|3", "a\\n|2", "\\n|2"})
    void countLinesCountsTheLinesOfTheTextAsWcCountsTheTextWithANewlineAdded(String text, int lines) {
        assertThat(bash("printf -v t '%b' '" + text + "'\nfence_count_lines \"$t\"\nprintf '%s|' \"$FENCE_LINES\"\n"
                        + "if [[ -n $t ]]; then printf '%s\\n' \"$t\" | wc -l | tr -d ' '; else echo 0; fi"))
                .isEqualTo(lines + "|" + lines);
    }

    @Test
    void createScratchFileClassifiesAndLeavesTheFileForTheHarness() {
        String out = bash(
                "d=$(mktemp -d)\nfence_create_scratch_file \"$d\"\nprintf '%s|%s|' \"$status\" \"$message\"\n"
                        + "[[ -f $target ]] && printf 'present|'\ncase $target in \"$d\"/.codex-fence-pl_test-*) printf named ;; esac\nrm -rf \"$d\"");
        assertThat(out).startsWith("success|created a new scratch file in ").endsWith("|present|named");
        assertThat(bash("fence_create_scratch_file /no/such/dir" + SHOW))
                .isEqualTo("error||the directory /no/such/dir does not exist here");
    }

    @Test
    void workspaceDotdirWriteUsesTheHarnessScratchNameAndLeavesTheFile() {
        // the harness checks and removes only a name starting with .codex-fence-<probe id>- (probes/README.md)
        String out = bash("FENCE_WORKSPACE_ROOT=$(mktemp -d)\nfence_write_in_workspace_dotdir .agents\n"
                + "printf '%s|%s|%s|' \"$status\" \"$mkdir_step\" \"$write_step\"\n[[ -f $target ]] && printf 'present|'\n"
                + "case $target in \"$FENCE_WORKSPACE_ROOT\"/.agents/.codex-fence-pl_test-*) printf named ;; esac\n"
                + "rm -rf \"$FENCE_WORKSPACE_ROOT\"");
        assertThat(out).isEqualTo("success|ok|ok|present|named");
        // mkdir passes on a file already there? No: it fails, without a policy errno
        assertThat(
                        bash(
                                "FENCE_WORKSPACE_ROOT=$(mktemp -d)\ntouch \"$FENCE_WORKSPACE_ROOT/.codex\"\n"
                                        + "fence_write_in_workspace_dotdir .codex\nprintf '%s|%s|' \"$mkdir_step\" \"$status\"\nrm -rf \"$FENCE_WORKSPACE_ROOT\""))
                .isEqualTo("failed|error|");
    }
}
