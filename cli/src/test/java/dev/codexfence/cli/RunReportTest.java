package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static String notes(RunReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.printNotes(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void skippedRunsAreGroupedByReason() {
        RunReport report = new RunReport();
        report.skipped(1, "probe mac_a applies to [macos]; this host is Linux");
        report.skipped(1, "probe mac_b applies to [macos]; this host is Linux");
        report.skipped(1, "probe mac_a applies to [macos]; this host is Linux");
        report.skipped(1, "mode codex-full cannot run here: codex CLI not found");
        report.skipped(1, "mode codex-full cannot run here: codex CLI not found");
        report.skipped(1, null); // cancelled: no reason worth repeating
        assertThat(notes(report)).isEqualTo("""
                codex-fence: skipped 3 runs: probes mac_a, mac_b apply to [macos]; this host is Linux
                codex-fence: skipped 2 runs: mode codex-full cannot run here: codex CLI not found
                """);
    }

    @Test
    void failuresPrintTheirMessageIndentedAndBounded() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunReport.printFailure(err, "fx [baseline]", "fx [baseline]: timed out\nstderr: boom");
        RunReport.printFailure(err, "fx.sh [contract]", "probe fx.sh breaks the probe contract:\n" + "x\n".repeat(20));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("codex-fence: FAILED fx [baseline]: timed out\n    stderr: boom\n"
                        + "codex-fence: FAILED fx.sh [contract]: probe fx.sh breaks the probe contract:\n    x\n");
        assertThat(text).endsWith("    … 9 more lines\n");
    }
}
