package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

class DiscoveryTest {

    @TempDir
    Path out;

    private EngineDiscoveryResults discover(
            Map<String, String> config, org.junit.platform.engine.DiscoverySelector... s) {
        return Fixtures.kit(out, config, s).discover();
    }

    private static Set<String> uniqueIds(TestDescriptor root) {
        return root.getDescendants().stream()
                .map(d -> d.getUniqueId().toString())
                .collect(Collectors.toSet());
    }

    private static TestDescriptor find(TestDescriptor root, String displayName) {
        return root.getDescendants().stream()
                .filter(d -> d.getDisplayName().equals(displayName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + displayName + " in " + root.getDescendants()));
    }

    @Test
    void directorySelectorBuildsCapabilityProbeModeTreeWithCoverageNodes() {
        var result = discover(
                Map.of(Constants.MODES, "baseline,codex-sandbox"),
                selectDirectory(Fixtures.tree("healthy").toFile()));
        TestDescriptor engine = result.getEngineDescriptor();

        TestDescriptor write = find(engine, "fx_write_ws [codex-sandbox]");
        assertThat(write.isTest()).isTrue();
        assertThat(write.getUniqueId())
                .isEqualTo(UniqueId.forEngine("codex-fence")
                        .append("capability", "cap_fs_write_workspace_tree")
                        .append("probe", "fx_write_ws")
                        .append("mode", "codex-sandbox"));
        assertThat(write.getParent().orElseThrow().getDisplayName()).isEqualTo("fx_write_ws");
        assertThat(write.getParent().orElseThrow().getParent().orElseThrow().getDisplayName())
                .startsWith("cap_fs_write_workspace_tree — ");
        assertThat(write.getSource()).get().isInstanceOf(FileSource.class);
        assertThat(((FileSource) write.getSource().orElseThrow()).getFile().getName())
                .isEqualTo("fx_write_ws.sh");
        assertThat(write.getTags())
                .extracting(TestTag::getName)
                .contains(
                        "cap_fs_write_workspace_tree",
                        "filesystem",
                        "os_sandbox",
                        "codex-sandbox",
                        "linux",
                        "macos",
                        "cap_fs_read_workspace_tree");
        assertThat(find(engine, "fx_read_ws [baseline]").getTags())
                .extracting(TestTag::getName)
                .contains("smoke");

        // a capability that applies here and has no probe: a coverage test under its own container
        TestDescriptor gap = find(engine, "cap_proc_ptrace_and_vm_read [coverage]");
        assertThat(gap.isTest()).isTrue();
        // covered capabilities get no coverage node; capabilities for another platform get none either
        assertThat(uniqueIds(engine)).noneMatch(id -> id.contains("cap_fs_write_workspace_tree]/[coverage"));
        assertThat(uniqueIds(engine)).noneMatch(id -> id.contains("cap_sandbox_debug_and_trace_logging"));
        assertThat(result.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void fileSelectorSelectsOneProbeWithoutCoverage() {
        var result = discover(
                Map.of(),
                selectFile(Fixtures.tree("healthy").resolve("fx_read_ws.sh").toFile()));
        List<String> names = result.getEngineDescriptor().getDescendants().stream()
                .map(TestDescriptor::getDisplayName)
                .toList();
        assertThat(names).contains("fx_read_ws", "fx_read_ws [baseline]");
        assertThat(names).noneMatch(n -> n.contains("coverage") || n.contains("fx_write_ws"));
    }

    @Test
    void uniqueIdRoundTripSelectsExactlyThatNode() {
        UniqueId id = UniqueId.forEngine("codex-fence")
                .append("capability", "cap_fs_read_workspace_tree")
                .append("probe", "fx_read_ws")
                .append("mode", "codex-full");
        var result = discover(
                Map.of(
                        Constants.MODES,
                        "baseline,codex-sandbox,codex-full",
                        Constants.PROBES_ROOT,
                        Fixtures.tree("healthy").toString()),
                selectUniqueId(id));
        List<TestDescriptor> tests = result.getEngineDescriptor().getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(d -> (TestDescriptor) d)
                .toList();
        assertThat(tests).extracting(d -> d.getUniqueId()).containsExactly(id);
    }

    @Test
    void unknownUniqueIdIsReportedNotThrown() {
        UniqueId id = UniqueId.forEngine("codex-fence")
                .append("capability", "cap_fs_read_workspace_tree")
                .append("probe", "renamed_probe")
                .append("mode", "baseline");
        var result =
                discover(Map.of(Constants.PROBES_ROOT, Fixtures.tree("healthy").toString()), selectUniqueId(id));
        assertThat(result.getEngineDescriptor().getDescendants()).isEmpty();
        assertThat(result.getDiscoveryIssues())
                .extracting(DiscoveryIssue::message)
                .anyMatch(m -> m.contains("renamed_probe"));
    }

    @Test
    void brokenProbesBecomeWarningsAndFailingNodesWithoutHidingHealthyOnes() {
        var result = discover(Map.of(), selectDirectory(Fixtures.tree("broken").toFile()));
        TestDescriptor engine = result.getEngineDescriptor();
        assertThat(find(engine, "fx_ok [baseline]").isTest()).isTrue();
        Map<String, String> problems = result.getDiscoveryIssues().stream()
                .collect(Collectors.toMap(
                        i -> ((FileSource) i.source().orElseThrow()).getFile().getName(), DiscoveryIssue::message));
        // one warning for each of the seven broken scripts, and nothing worse than a warning
        assertThat(problems).hasSize(7);
        assertThat(result.getDiscoveryIssues())
                .hasSize(7)
                .allMatch(i -> i.severity() == DiscoveryIssue.Severity.WARNING);
        assertThat(problems.get("fx_name_mismatch.sh"))
                .contains("probe_name \"fx_other_name\" differs from the file name \"fx_name_mismatch\"");
        assertThat(problems.get("fx_unknown_cap.sh"))
                .contains("primary capability cap_does_not_exist is not in catalog");
        assertThat(problems.get("fx_two_emits.sh")).contains("emit-record appears 2 times");
        assertThat(problems.get("fx_not_executable.sh")).contains("not executable");
        assertThat(problems.get("fx_crlf.sh")).contains("CRLF line endings");
        assertThat(problems.get("fx_no_strict.sh")).contains("'set -euo pipefail' must come before any other command");
        assertThat(problems.get("fx_bad_shebang.sh")).contains("first line must be exactly '#!/usr/bin/env bash'");
        assertThat(find(engine, "fx_unknown_cap.sh [contract]").isTest()).isTrue();
    }

    @Test
    void nestedUnderASuiteTheTreeIsBuiltBelowTheGivenEngineId() {
        UniqueId nested = UniqueId.forEngine("junit-platform-suite")
                .append("suite", "x.ProbeSuite")
                .append("engine", "codex-fence");
        var request = org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Fixtures.tree("healthy").toFile()))
                .configurationParameter(Constants.MODES, "baseline")
                .build();
        TestDescriptor engine = new CodexFenceTestEngine().discover(request, nested);
        TestDescriptor read = find(engine, "fx_read_ws [baseline]");
        assertThat(read.getUniqueId())
                .isEqualTo(nested.append("capability", "cap_fs_read_workspace_tree")
                        .append("probe", "fx_read_ws")
                        .append("mode", "baseline"));
    }

    @Test
    void classpathRootAndPackageSelectorsSelectTheConfiguredProbeRootUnlessTurnedOff() {
        Map<String, String> root =
                Map.of(Constants.PROBES_ROOT, Fixtures.tree("healthy").toString());
        for (var selector : List.of(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots(
                                java.util.Set.of(Path.of("target/test-classes").toAbsolutePath()))
                        .get(0),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage("dev.codexfence"))) {
            TestDescriptor engine = discover(root, selector).getEngineDescriptor();
            assertThat(engine.getDescendants())
                    .extracting(TestDescriptor::getDisplayName)
                    .as("selected by %s", selector)
                    .contains("fx_read_ws [baseline]", "fx_write_ws [baseline]")
                    .anyMatch(n -> n.endsWith("[coverage]"));
            Map<String, String> off = new java.util.HashMap<>(root);
            off.put(Constants.CLASSPATH_SCAN, "false");
            assertThat(discover(off, selector).getEngineDescriptor().getDescendants())
                    .as("gated off")
                    .isEmpty();
        }
    }

    @Test
    void tagFilterKeepsOnlyThatCapabilitysNodes() {
        var result = Fixtures.kit(
                        out, Map.of(), selectDirectory(Fixtures.tree("healthy").toFile()))
                .filters(org.junit.platform.launcher.TagFilter.includeTags("cap_fs_read_workspace_tree"))
                .discover();
        List<String> tests = result.getEngineDescriptor().getDescendants().stream()
                .filter(TestDescriptor::isTest)
                .map(TestDescriptor::getDisplayName)
                .toList();
        assertThat(tests).containsExactlyInAnyOrder("fx_read_ws [baseline]", "fx_write_ws [baseline]");
    }
}
