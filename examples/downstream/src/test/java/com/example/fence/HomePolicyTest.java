package com.example.fence;

import static dev.codexfence.assertj.FenceAssertions.assertThat;

import dev.codexfence.junit.CodexFence;
import dev.codexfence.junit.ProbeRecord;
import dev.codexfence.record.BoundaryObject;
import org.junit.jupiter.api.Test;

/**
 * This project's fence policy as a Java test: under codex's workspace-write sandbox nothing may be written
 * into $HOME, while the same probe outside any sandbox shows that the probe can tell the difference.
 * Without a codex CLI the sandboxed test is aborted with the reason, not failed.
 */
@CodexFence(probes = "probes")
class HomePolicyTest {

    @Test
    void codexSandboxKeepsHomeReadOnly(
            @ProbeRecord(value = "example_home_scratch", mode = "codex-sandbox") BoundaryObject home) {
        assertThat(home).isDenied().hasErrnoIn("EROFS", "EPERM", "EACCES");
    }

    @Test
    void withoutASandboxTheSameWriteSucceeds(
            @ProbeRecord(value = "example_home_scratch", mode = "baseline") BoundaryObject home) {
        assertThat(home).isSuccess();
    }
}
