package dev.codexfence.engine.internal.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.stack.HostLine;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsFolderTest {

    private static final String CAP = "cap_fs_write_user_home";

    @TempDir
    Path dir;

    private void file(String name, String platform, String version, String iface) throws IOException {
        Files.writeString(
                dir.resolve(name),
                ExpectationsFormat.format(new Expectations(
                        "x",
                        platform,
                        new Release(version),
                        iface,
                        java.util.Map.of("p", java.util.Map.of("baseline", ExpectedOutcome.parse("success"))))));
    }

    private static BoundaryObject.Stack stack(String mode, String version) {
        return TestRecords.record(
                        TestRecords.json("p", CAP, mode, "success", null, "m", "linux", version, TestRecords.OS))
                .stack();
    }

    @Test
    void picksTheFileOfTheRecordsStackForBaselineAndCodexModesAlike() throws IOException {
        file("linux-codex-0.169.0.json", "linux", "0.169.0", "sandbox-profile");
        file("linux-codex-0.170.0.json", "linux", "0.170.0", "sandbox-profile");
        file("linux-no-codex.json", "linux", null, null);
        Files.writeString(dir.resolve("README.md"), "not an expectations file");
        ExpectationsFolder folder = ExpectationsFolder.load(dir);
        assertThat(folder.files()).hasSize(3);
        assertThat(folder.find(stack("baseline", "0.169.0")).orElseThrow().source())
                .endsWith("linux-codex-0.169.0.json");
        assertThat(folder.find(stack("codex-sandbox", "0.170.0")).orElseThrow().source())
                .endsWith("linux-codex-0.170.0.json");
        assertThat(folder.find(stack("baseline", null)).orElseThrow().source()).endsWith("linux-no-codex.json");
        assertThat(folder.find(stack("codex-sandbox", "0.171.0"))).isEmpty();
        assertThat(folder.fileFor(
                        new StackIdentity(new HostLine("macos", "Darwin 25.0.0 arm64", 501), new Release("0.169.0"))))
                .isEqualTo(dir.resolve("macos-codex-0.169.0.json"));
    }

    @Test
    void twoFilesForOneStackAreRefused() throws IOException {
        file("a.json", "linux", "0.169.0", "sandbox-profile");
        file("b.json", "linux", "0.169.0", null);
        assertThatThrownBy(() -> ExpectationsFolder.load(dir))
                .isInstanceOf(ExpectationsException.class)
                .hasMessageContaining("b.json")
                .hasMessageContaining("already covered by")
                .hasMessageContaining("a.json");
    }

    @Test
    void aMissingFolderHoldsNothingAndABrokenFileIsNamed() throws IOException {
        assertThat(ExpectationsFolder.load(dir.resolve("absent")).files()).isEmpty();
        Files.writeString(dir.resolve("broken.json"), "{\"schema_version\":\"cfexp-v2\"}");
        assertThatThrownBy(() -> ExpectationsFolder.load(dir))
                .hasMessageContaining("broken.json")
                .hasMessageContaining("not a cfexp-v1 expectations file");
    }

    @Test
    void theDefaultFolderIsUnderFenceRootElseHereElseOneUp() throws IOException {
        assertThat(ExpectationsFolder.defaultDirectory(dir.toString(), Path.of("/elsewhere")))
                .isEqualTo(dir.resolve("expectations"));
        Path module = Files.createDirectories(dir.resolve("probes"));
        assertThat(ExpectationsFolder.defaultDirectory(null, module)).isEqualTo(module.resolve("expectations"));
        Files.createDirectories(dir.resolve("expectations"));
        assertThat(ExpectationsFolder.defaultDirectory(null, module)).isEqualTo(dir.resolve("expectations"));
        Files.createDirectories(module.resolve("expectations"));
        assertThat(ExpectationsFolder.defaultDirectory(null, module)).isEqualTo(module.resolve("expectations"));
    }
}
