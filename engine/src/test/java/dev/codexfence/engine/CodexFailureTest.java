package dev.codexfence.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.testing.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Codex's own failures (bad flag: exit 2, unknown profile: exit 1, panic: exit 101) drive the real CLI with a
 * wrong invocation: a wrapper rewrites the argv the engine builds before exec'ing the real codex. They must
 * become harness errors naming the codex command, never a "denied" observation.
 */
@Tag("slow") // starts a JVM, codex, a browser or a probe corpus: left out of -Pquick
class CodexFailureTest {

    /** Without codex each test is skipped with the reason (fails where CI=true). */
    @RegisterExtension
    static final RequiredTool CODEX = RequiredTool.codex();

    @TempDir
    Path dir;

    /** A codex that passes --version/--help through and applies {@code rewrite} (sed) to sandbox runs. */
    private Path wrapper(String rewrite) throws IOException {
        Path realCodex = CODEX.path();
        Path w = dir.resolve("codex");
        Files.writeString(
                w,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "case \"$*\" in *--help*|*--version*) exec '" + realCodex + "' \"$@\" ;; esac",
                        "args=()",
                        "for a in \"$@\"; do args+=(\"$a\"); done",
                        rewrite,
                        "exec '" + realCodex + "' \"${args[@]}\"",
                        ""));
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        return w;
    }

    @ParameterizedTest(name = "{0} → exit {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown flag|2|args=(\"${args[0]}\" --no-such-flag \"${args[@]:1}\")",
                "unknown profile|1|for i in \"${!args[@]}\"; do [ \"${args[$i]}\" = :workspace ] && args[$i]=:nope; done",
                "old OS word on a new CLI|101|args=(\"${args[0]}\" linux \"${args[@]:1}\")"
            })
    void codexFailingBeforeTheProbeIsAHarnessErrorNotADenial(String what, int exit, String rewrite) throws IOException {
        Path out = dir.resolve("out");
        var results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                "codex-sandbox",
                                Constants.CODEX_PATH,
                                wrapper(rewrite).toString(),
                                Constants.PREFLIGHT,
                                "false"),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_write_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("fx_write_ws"),
                                finishedWithFailure(message(m -> m.contains("codex failed before the probe ran")
                                        && m.contains("exited " + exit)
                                        && m.contains(" sandbox ")))));
        JsonNode record = Fixtures.recordsByTest(results).get("fx_write_ws [codex-sandbox]");
        assertThat(record.at("/result/observed_result").asString()).isEqualTo("error");
        assertThat(record.at("/payload/raw/harness_error").asString()).isEqualTo("codex_error");
        assertThat(record.at("/result/raw_exit_code").asInt()).isEqualTo(exit);
        assertThat(record.at("/payload/stderr_snippet").asString()).isNotBlank();
    }

    @Test
    void aFailingPreflightSkipsTheModeWithTheReasonAndLeavesAPreflightRecord() throws IOException {
        Path out = dir.resolve("out");
        var results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                "baseline,codex-sandbox",
                                Constants.CODEX_PATH,
                                wrapper("args=(\"${args[0]}\" --no-such-flag \"${args[@]:1}\")")
                                        .toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_read_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(1).failed(0));
        assertThat(results.testEvents().skipped().stream()
                        .map(e -> e.getPayload(String.class).orElse("")))
                .singleElement()
                .asString()
                .contains("preflight failed for mode codex-sandbox")
                .contains("exited 2");
        List<JsonNode> lines = Files.readAllLines(Fixtures.onlyNdjson(out)).stream()
                .map(FenceJson.MAPPER::readTree)
                .toList();
        assertThat(lines).anySatisfy(r -> {
            assertThat(r.at("/probe/id").asString()).isEqualTo("codex_fence_preflight");
            assertThat(r.at("/run/mode").asString()).isEqualTo("codex-sandbox");
            assertThat(r.at("/payload/raw/harness_error").asString()).isEqualTo("preflight_failed");
        });
        assertThat(lines)
                .noneMatch(r -> r.at("/result/observed_result").asString().equals("denied"));
    }

    @Test
    void aFailingPreflightUnderACatalogWithoutItsCapabilitiesSkipsTheModeWithoutARecord() throws IOException {
        // a team's own catalog need not have the capabilities a preflight record names: the mode is still skipped
        // with the reason, and no record naming a capability the catalog lacks is made
        String catalog = Files.readString(Fixtures.tree("cli-catalog").resolve("catalog.json"));
        JsonNode root = FenceJson.MAPPER.readTree(catalog);
        var caps = (tools.jackson.databind.node.ArrayNode) root.get("capabilities");
        for (int i = caps.size() - 1; i >= 0; i--) {
            if (caps.get(i).path("id").asString().equals("cap_fs_write_workspace_tree")) {
                caps.remove(i);
            }
        }
        assertThat(caps.findValuesAsString("id"))
                .contains("cap_fs_read_workspace_tree")
                .doesNotContain("cap_fs_write_workspace_tree", "cap_sandbox_default_deny");
        Path file = dir.resolve("catalog-without-preflight-capabilities.json");
        Files.writeString(file, FenceJson.MAPPER.writeValueAsString(root));
        Path out = dir.resolve("out-own-catalog");
        var results = Fixtures.kit(
                        out,
                        Map.of(
                                Constants.MODES,
                                "baseline,codex-sandbox",
                                Constants.CATALOG,
                                file.toString(),
                                Constants.CODEX_PATH,
                                wrapper("args=(\"${args[0]}\" --no-such-flag \"${args[@]:1}\")")
                                        .toString()),
                        selectFile(Fixtures.tree("healthy")
                                .resolve("fx_read_ws.sh")
                                .toFile()))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(1).failed(0));
        assertThat(results.testEvents().skipped().stream()
                        .map(e -> e.getPayload(String.class).orElse("")))
                .singleElement()
                .asString()
                .contains("preflight failed for mode codex-sandbox")
                .contains("no preflight record: the catalog has none of");
        List<JsonNode> lines = Files.readAllLines(Fixtures.onlyNdjson(out)).stream()
                .map(FenceJson.MAPPER::readTree)
                .toList();
        assertThat(lines).extracting(r -> r.at("/probe/id").asString()).containsExactly("fx_read_ws");
    }
}
