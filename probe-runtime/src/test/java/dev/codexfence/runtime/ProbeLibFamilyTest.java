package dev.codexfence.runtime;

import static dev.codexfence.runtime.ProbeLibTest.SHOW;
import static dev.codexfence.runtime.ProbeLibTest.bash;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions that fold near-twin probes into one, each with the twins' differences as arguments. */
class ProbeLibFamilyTest {

    @TempDir
    Path dir;

    private String d() {
        return "d='" + dir + "'\n";
    }

    @Test
    void listMetadataCountsEntriesWithoutNamingThemAndTakesAMissingFolderAsAnAllowedLookup() throws IOException {
        Files.createDirectories(dir.resolve("Documents/sub"));
        Files.writeString(dir.resolve("Documents/secret-name.txt"), "x");
        String show = SHOW + "\nprintf '|%s|%s|%s|%s' \"$exists\" \"$kind\" \"$entries\" \"$target\"";
        assertThat(bash(d() + "HOME=$d\nfence_list_home_folder Documents" + show))
                .isEqualTo("success||listed ~/Documents (2 entries; names not recorded)|true|directory|2|" + dir
                        + "/Documents");
        assertThat(bash(d() + "HOME=$d\nfence_list_home_folder Library" + show + "\nprintf '|%s' \"$rc\""))
                .isEqualTo("success||~/Library does not exist; the lookup was allowed (ENOENT)|false|||" + dir
                        + "/Library|2");
        assertThat(bash(d() + "fence_list_metadata \"$d/Documents\" /System/Library" + show))
                .startsWith("success||listed /System/Library (2 entries; names not recorded)|true|directory|2|");
        assertThat(bash("unset HOME\nfence_list_home_folder Documents" + show + "\nprintf '|%s' \"$cmd\""))
                .isEqualTo("error||HOME is not set||||~/Documents|ls -1A \\~/Documents");
    }

    @Test
    void openFirstForWriteOpensTheFirstCandidateThatExistsAndNamesIt() throws IOException {
        Files.writeString(dir.resolve("knob"), "0");
        Files.createDirectories(dir.resolve("adir"));
        String show = SHOW + "\nprintf '|%s' \"$target\"";
        assertThat(bash(d() + "fence_open_first_for_write \"$d/missing\" \"$d/knob\" \"$d/adir\"" + show))
                .isEqualTo("success||" + dir
                        + "/knob opened for writing and closed; nothing was written, so whether a write "
                        + "would land is not tested|" + dir + "/knob");
        assertThat(Files.readString(dir.resolve("knob")))
                .as("nothing is written")
                .isEqualTo("0");
        assertThat(bash(d() + "fence_open_first_for_write \"$d/missing\" \"$d/adir\"" + show))
                .isEqualTo("error|EISDIR|open path=" + dir + "/adir failed with EISDIR, which is not a policy refusal|"
                        + dir + "/adir");
        assertThat(bash(d() + "fence_open_first_for_write \"$d/missing\" \"$d/gone\"" + show))
                .isEqualTo("error||python3 gave no usable answer (exit 0): missing none of the candidate files exists|"
                        + dir + "/missing");
    }

    @Test
    void writeAndRunScriptWritesAScratchScriptRunsItAndLeavesItForTheHarness() {
        String show = SHOW + "\nprintf '|%s|%s|%s|' \"$write_step\" \"$exec_step\" \"$out\"\n"
                + "[[ $target == \"$script\" && -x $script ]] && printf 'left|'\ncase $script in \"$d\"/.codex-fence-pl_test-*.sh) printf named ;; esac";
        assertThat(bash(d() + "fence_write_and_run_script \"$d\" 'in d' 'no d'" + show))
                .isEqualTo("success||wrote and executed a script in d|ok|ok|codex-fence-script-ran|left|named");
        assertThat(bash(
                        "d=/nonexistent\nfence_write_and_run_script '' 'in the workspace' 'FENCE_WORKSPACE_ROOT is not set'"
                                + show + "\nprintf '|%s' \"$cmd\""))
                .matches(
                        "error\\|\\|FENCE_WORKSPACE_ROOT is not set\\|not-run\\|not-run\\|\\|\\|/\\.codex-fence-pl_test-\\d+-\\d+\\.sh");
    }

    @Test
    void tcpConnectReportsTheTargetAndJudgesTheRefusal() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            String show = SHOW + "\nprintf '|%s|%s' \"$target\" \"$step\"";
            assertThat(bash(
                            "fence_tcp_connect 'the listener' 'ECONNREFUSED' --require PL_PORT 127.0.0.1 \"$PL_PORT\""
                                    + show,
                            Map.of("PL_PORT", Integer.toString(port))))
                    .isEqualTo("success||TCP connect to the listener 127.0.0.1:" + port + " succeeded|127.0.0.1:" + port
                            + "|");
        }
        String call = "fence_tcp_connect 'the listener' 'POLICY' 127.0.0.1 " + port + SHOW;
        assertThat(bash(call.replace("POLICY", "EPERM ECONNREFUSED")))
                .isEqualTo("denied|ECONNREFUSED|TCP to the listener 127.0.0.1:" + port
                        + " was refused at connect (ECONNREFUSED)");
        assertThat(bash(call.replace("POLICY", "EPERM")))
                .isEqualTo("error|ECONNREFUSED|connect failed with ECONNREFUSED, which is not a policy refusal");
        assertThat(bash("fence_tcp_connect 'the target' EPERM --require PL_HOST --require PL_PORT '' ''" + SHOW
                        + "\nprintf '|%s' \"$target\""))
                .isEqualTo("error||PL_HOST is not set; the harness must export it|unset:unset");
    }

    @Test
    void forkedSetidAsksInAChildWhetherTheIdMayChange() {
        boolean root = "0".equals(bash("id -u"));
        String out = bash("fence_forked_setid uid" + SHOW + "\nprintf '|%s|%s|%s' \"$target\" \"$out\" \"$(id -u)\"");
        assertThat(out)
                .isEqualTo(
                        root
                                ? "success||a forked child changed its uid to 65534|setuid 65534|ok setuid|0"
                                : "denied|EPERM|setuid(65534) in a forked child was refused (EPERM)|setuid 65534|errno EPERM setuid|"
                                        + bash("id -u"));
    }

    @Test
    void socketCreateMakesTheSocketItIsAskedFor() {
        assertThat(bash("fence_socket_create 'socket.AF_UNIX, socket.SOCK_STREAM' 'an AF_UNIX stream socket'" + SHOW))
                .isEqualTo("success||created (and closed) an AF_UNIX stream socket");
        assertThat(bash("fence_socket_create 'socket.AF_UNIX, 99' 'a socket of no type'" + SHOW))
                .matches("error\\|E[A-Z]+\\|socket failed with E[A-Z]+, which is not a policy refusal");
    }

    @Test
    void execToolRunsAProgramFromPathAndNamesWhereItLives() {
        String show = SHOW + "\nprintf '|%s|%s' \"$target\" \"$out\"";
        assertThat(bash("fence_exec_tool sh -c 'echo hi'" + show))
                .isEqualTo("success||exec of sh succeeded|" + bash("command -v sh") + "|hi");
        assertThat(bash("fence_exec_tool no-such-tool-here --version" + show))
                .isEqualTo("error||no-such-tool-here not found on PATH|no-such-tool-here|");
    }

    @Test
    void readInWorkspaceReadsAWorkspaceFileAndLeavesTheSuccessMessageToTheProbe() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        String ws = "FENCE_WORKSPACE_ROOT='" + dir + "'\n";
        String show = SHOW + "\nprintf '|%s|%s|%s' \"$target\" \"$out\" \"$cmd\"";
        assertThat(bash(ws + "fence_read_in_workspace hello.txt 'could not read it (rc={rc} {errno})'" + show))
                .isEqualTo("success|||" + dir + "/hello.txt|hello|cat " + dir + "/hello.txt");
        assertThat(bash(ws + "fence_read_in_workspace gone.txt 'could not read it (rc={rc} {errno})'" + show))
                .isEqualTo(
                        "error|ENOENT|could not read it (rc=1 ENOENT)|" + dir + "/gone.txt||cat " + dir + "/gone.txt");
        assertThat(bash("unset FENCE_WORKSPACE_ROOT\nfence_read_in_workspace .git/HEAD x" + show))
                .isEqualTo(
                        "error||FENCE_WORKSPACE_ROOT is not set|${FENCE_WORKSPACE_ROOT}/.git/HEAD||cat \\$\\{FENCE_WORKSPACE_ROOT\\}/.git/HEAD");
    }

    @Test
    void grepCodexConfigPassesOnlyWhatGrepPrintsAndJudgesEverythingElse() throws IOException {
        Files.writeString(dir.resolve("config.toml"), "model = \"x\"\napproval_policy = \"never\"\n");
        String grep = "if fence_grep_codex_config 'no config' -E '^approval'; then printf 'answered|'; fi\n";
        String show = SHOW + "\nprintf '|%s|%s|%s' \"$exists\" \"$out\" \"$target\"";
        Map<String, String> home = Map.of("CODEX_HOME", dir.toString());
        assertThat(bash(grep + show, home))
                .isEqualTo("answered|error|||true|approval_policy = \"never\"|" + dir + "/config.toml");
        assertThat(bash(grep.replace("^approval", "^nothing") + show, home))
                .isEqualTo("answered|error|||true||" + dir + "/config.toml");
        assertThat(bash(
                        grep + show,
                        Map.of("CODEX_HOME", "", "HOME", dir.resolve("home").toString())))
                .isEqualTo("success||no config|false||" + dir + "/home/.codex/config.toml");
        Files.delete(dir.resolve("config.toml"));
        Files.createDirectories(dir.resolve("config.toml"));
        assertThat(bash(grep + show, home))
                .isEqualTo("error|EISDIR|grep on the codex config failed (rc=2 EISDIR)|true||" + dir + "/config.toml");
        assertThat(bash("unset CODEX_HOME HOME\n" + grep + show))
                .isEqualTo("error||neither CODEX_HOME nor HOME is set|||${CODEX_HOME:-$HOME/.codex}/config.toml");
    }

    @Test
    void workspaceLinkToOutsideNamesTheFixtureAndANewWorkspaceEntry() throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        String vars = "FENCE_WORKSPACE_ROOT='" + ws + "' FENCE_OUTSIDE_DIR='" + outside + "'\n";
        String call = "if fence_workspace_link_to_outside; then printf 'ready|'; fi" + SHOW
                + "\nprintf '|%s|%s' \"$fixture\" \"$target\"";
        String fresh = Pattern.quote(ws + "/.codex-fence-pl_test-") + "\\d+-\\d+";
        assertThat(bash(vars + call))
                .matches(Pattern.quote("error||the fixture $FENCE_OUTSIDE_DIR/outside.txt is missing|" + outside
                                + "/outside.txt|")
                        + fresh);
        Files.writeString(outside.resolve("outside.txt"), "outside");
        assertThat(bash(vars + call)).matches(Pattern.quote("ready||||" + outside + "/outside.txt|") + fresh);
        assertThat(bash("unset FENCE_WORKSPACE_ROOT FENCE_OUTSIDE_DIR\n" + call))
                .isEqualTo("error||FENCE_WORKSPACE_ROOT is not set|"
                        + "${FENCE_OUTSIDE_DIR}/outside.txt|${FENCE_WORKSPACE_ROOT}/.codex-fence-pl_test");
        assertThat(bash("FENCE_WORKSPACE_ROOT='" + ws + "'\nunset FENCE_OUTSIDE_DIR\n" + call))
                .isEqualTo("error||FENCE_OUTSIDE_DIR is not set|${FENCE_OUTSIDE_DIR}/outside.txt|" + ws
                        + "/.codex-fence-pl_test");
    }

    @Test
    void readSysctlReadsOneNameAndJudgesTheRefusal() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sysctl = bin.resolve("sysctl");
        Files.writeString(
                sysctl,
                "#!/bin/sh\nif [ \"$2\" = kern.denied ]; then echo 'sysctl: Operation not permitted' >&2; exit 1; fi\n"
                        + "printf 'a: 1\\nb: 2\\n'\n");
        assertThat(sysctl.toFile().setExecutable(true)).isTrue();
        String path = "PATH='" + bin + "':$PATH\n";
        String show = SHOW + "\nprintf '|%s|%s|%s' \"$lines\" \"$cmd\" \"$target\"";
        assertThat(bash(path + "fence_read_sysctl kern.x -n" + show))
                .isEqualTo("success||sysctl kern.x answered (2 line(s))|2|sysctl -n kern.x |kern.x");
        assertThat(bash(path + "fence_read_sysctl kern.denied -n" + show))
                .isEqualTo("denied|EPERM|sysctl kern.denied was refused (EPERM)||sysctl -n kern.denied |kern.denied");
        assertThat(bash("PATH=/nonexistent\nfence_read_sysctl security.mac" + show))
                .isEqualTo("error||the tool sysctl is not on PATH||sysctl security.mac |security.mac");
    }
}
