package dev.codexfence.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The functions probes source from probe-lib.sh: capture, errno names, and the shared classifications. */
class ProbeLibTest {

    /** Runs {@code body} after sourcing probe-lib.sh under strict mode; prints what the body echoes. */
    private static String bash(String body) {
        String script = "set -euo pipefail\nprobe_name=pl_test\n. '" + Scripts.script("probe-lib.sh") + "'\n" + body;
        Scripts.Result r = Scripts.run(List.of("bash", "-c", script), Map.of(), null);
        assertThat(r.exit()).as("bash exit; stderr: %s", r.stderr()).isZero();
        return r.stdout().strip();
    }

    @Test
    void fenceRunCapturesBothStreamsAndTheExitCodeWithoutTrippingSetE() {
        assertThat(bash("fence_run sh -c 'echo out; echo err >&2; exit 3'\nprintf '%s|%s|%s' \"$FENCE_OUT\" \"$FENCE_ERR\" \"$FENCE_RC\""))
                .isEqualTo("out|err|3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "touch: cannot touch 'x': Read-only file system|EROFS",
        "ln: failed to create hard link 'a': Invalid cross-device link|EXDEV",
        "unshare: unshare failed: Operation not permitted|EPERM",
        "bash: line 1: kill: (42) - No such process|ESRCH",
        "connect: Connection refused|ECONNREFUSED",
        "something else entirely|"})
    void errnoNamesComeFromStrerrorText(String text, String errno) {
        assertThat(bash("fence_errno_from_text \"" + text.replace("\"", "\\\"") + "\"\nprintf '%s' \"$FENCE_ERRNO\""))
                .isEqualTo(errno == null ? "" : errno);
    }

    @Test
    void fenceAttemptClassifiesSuccessPolicyDenialAndOtherFailures() {
        assertThat(bash("fence_attempt 'running true' 'EPERM' true\nprintf '%s|%s|%s' \"$status\" \"$errno\" \"$message\""))
                .isEqualTo("success||running true succeeded");
        assertThat(bash("fence_attempt 'touching' 'EROFS EPERM' sh -c 'echo \"x: Read-only file system\" >&2; exit 1'\n"
                + "printf '%s|%s|%s|%s' \"$status\" \"$errno\" \"$rc\" \"$message\""))
                .isEqualTo("denied|EROFS|1|touching was refused (EROFS)");
        assertThat(bash("fence_attempt 'touching' 'EROFS' sh -c 'echo \"x: No such file or directory\" >&2; exit 1'\n"
                + "printf '%s|%s' \"$status\" \"$message\""))
                .isEqualTo("error|touching failed (exit 1) without a policy errno (ENOENT)");
        assertThat(bash("fence_attempt 'running' 'EPERM' no-such-tool-here --x\nprintf '%s|%s' \"$status\" \"$message\""))
                .isEqualTo("error|no-such-tool-here not found on PATH");
    }

    @Test
    void pythonVerdictClassifiesOkPolicyErrnoOtherErrnoAndNoAnswer() {
        String show = "\nprintf '%s|%s|%s' \"$status\" \"$errno\" \"$message\"";
        assertThat(bash("fence_python_verdict 'EPERM' 'no python' 'made it' 'making it' 'print(\"ok done\")'" + show))
                .isEqualTo("success||made it");
        assertThat(bash("fence_python_verdict 'EPERM EACCES' 'no python' 'made it' 'making it' 'print(\"errno EPERM socket\")'" + show))
                .isEqualTo("denied|EPERM|making it was refused (EPERM)");
        assertThat(bash("fence_python_verdict 'EPERM' 'no python' 'made it' 'making it' 'print(\"errno ENOENT open\")'" + show))
                .isEqualTo("error|ENOENT|open failed with ENOENT, which is not a policy refusal");
        assertThat(bash("fence_python_verdict 'EPERM' 'no python' 'made it' 'making it' 'import sys; sys.exit(3)'" + show))
                .isEqualTo("error||python3 gave no usable answer (exit 3)");
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
        // the shared classification goes through it too
        assertThat(bash(setUp + "printf '#!/bin/sh\\necho ok resolved\\n' > \"$d/py\"\nFENCE_PYTHON3=\"$d/py\"\n"
                + "fence_python_verdict 'EPERM' 'no python' 'made it' 'making it' 'print(1)'\n"
                + "printf '%s|%s|%s' \"$status\" \"$out\" \"$cmd\"\nrm -rf \"$d\""))
                .isEqualTo("success|ok resolved|python3 -c print\\(1\\)"); // the record still names python3
    }

    @Test
    void createScratchFileClassifiesAndLeavesTheFileForTheHarness() {
        String out = bash("d=$(mktemp -d)\nfence_create_scratch_file \"$d\"\nprintf '%s|%s|' \"$status\" \"$message\"\n"
                + "[ -f \"$target\" ] && printf 'present|'\ncase $target in \"$d\"/.codex-fence-pl_test-*) printf named ;; esac\nrm -rf \"$d\"");
        assertThat(out).startsWith("success|created a new scratch file in ").endsWith("|present|named");
        assertThat(bash("fence_create_scratch_file /no/such/dir\nprintf '%s|%s' \"$status\" \"$message\""))
                .isEqualTo("error|the directory /no/such/dir does not exist here");
    }

    @Test
    void workspaceDotdirWriteUsesTheHarnessScratchNameAndLeavesTheFile() {
        // the harness checks and removes only a name starting with .codex-fence-<probe id>- (probes/README.md)
        String out = bash("FENCE_WORKSPACE_ROOT=$(mktemp -d)\nfence_write_in_workspace_dotdir .agents\n"
                + "printf '%s|%s|%s|' \"$status\" \"$mkdir_step\" \"$write_step\"\n[ -f \"$target\" ] && printf 'present|'\n"
                + "case $target in \"$FENCE_WORKSPACE_ROOT\"/.agents/.codex-fence-pl_test-*) printf named ;; esac\n"
                + "rm -rf \"$FENCE_WORKSPACE_ROOT\"");
        assertThat(out).isEqualTo("success|ok|ok|present|named");
    }
}
