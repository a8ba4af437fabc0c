package dev.codexfence.junit;

import static dev.codexfence.assertj.FenceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.assertj.RunRecords;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.testing.RequiredTool;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy tests against the real codex CLI that {@code bin/install-codex} installs. Without it they are
 * skipped locally, each with the reason, and fail in CI (CI=true), where it must be present.
 */
class RealCodexPolicyTest {

    /** Without codex each test is skipped with the reason (fails where CI=true). */
    @RegisterExtension
    static final RequiredTool CODEX = RequiredTool.codex();

    @TempDir
    Path out;

    /** The codex CLI found, and unavailable modes failing rather than aborting: here codex must work. */
    private Map<String, String> config() {
        return Map.of("codex-fence.codex.path", CODEX.path().toString(), CodexFenceExtension.UNAVAILABLE, "fail");
    }

    @PolicyFixture
    @CodexFence(probes = "../engine/src/test/fixtures/healthy")
    static class SandboxPolicy {

        @Test
        void workspaceWritesAreAllowed(
                @ProbeRecord(value = "fx_write_ws", mode = "codex-sandbox") BoundaryObject record) {
            assertThat(record).isSuccess().ranInMode("codex-sandbox");
            assertThat(record.stack().sandboxMode()).isEqualTo("workspace-write");
        }

        @Test
        void homeWritesAreDenied(@ProbeRecord("fx_write_home") BoundaryObject record) {
            assertThat(record).isDenied().ranInMode("codex-sandbox").hasErrnoIn("EROFS", "EPERM", "EACCES");
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theSandboxAllowsWorkspaceWritesAndDeniesHomeWrites() {
        PolicyKit.run(SandboxPolicy.class, out, config())
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0).aborted(0));
        RunRecords records = RunRecords.fromNdjson(PolicyKit.ndjsonFile(out));
        assertThat(records).allHonouredContract().noneSucceeded("cap_fs_write_user_home");
        assertThat(records.records())
                .extracting(r -> r.stack().codexCliVersion())
                .doesNotContainNull();
    }

    /** The test methods of the example in docs/policy-tests.md, word for word (PolicyTestsDocTest checks), over the repository's probes. */
    @PolicyFixture
    @CodexFence
    static class DocumentedPolicy {

        @Test
        void noWritesOutsideTheWorkspace(
                @ProbeRecord(value = "fs_write_home_scratch", mode = "codex-sandbox") BoundaryObject home) {
            assertThat(home).isDenied().hasErrnoIn("EROFS", "EPERM", "EACCES");
        }

        @Test
        void noOutboundNetwork(
                @ProbeRecord(value = "net_tcp_connect_target", mode = "codex-sandbox") BoundaryObject connect) {
            assertThat(connect).isDenied();
        }

        @Test
        void noPtraceOfProcessesOutsideTheSandbox(
                @ProbeRecord(value = "proc_ptrace_outside_pid", mode = "codex-sandbox") BoundaryObject ptrace) {
            assertThat(ptrace).isDenied().hasErrnoIn("EPERM", "EACCES");
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDocumentedPolicyHoldsForTheInstalledCodex() {
        Assumptions.assumeTrue(System.getProperty("fence.root") != null, "needs -Dfence.root (set by the Maven build)");
        PolicyKit.run(DocumentedPolicy.class, out, config())
                .testEvents()
                .assertStatistics(s -> s.succeeded(3).failed(0).aborted(0));
    }
}
