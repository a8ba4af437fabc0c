package dev.codexfence.runtime;

import static dev.codexfence.runtime.Scripts.JSON;
import static dev.codexfence.runtime.Scripts.REQUIRED;
import static dev.codexfence.runtime.Scripts.emit;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The flags, defaults and errors of emit-record (probe-runtime/README.md). */
class EmitRecordTest {

    @TempDir
    Path tmp;

    /** A {@code @file:CONTENT} argument becomes the path of a new file holding CONTENT. */
    private List<String> withFiles(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String a : args) {
            if (a.startsWith("@file:")) {
                Path f = tmp.resolve("f" + n++);
                Files.writeString(f, a.substring("@file:".length()), UTF_8);
                out.add(f.toString());
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static JsonNode ok(Scripts.Result r) {
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stderr()).as("%s", r).isEmpty();
        assertThat(r.stdoutLines()).as("%s", r).hasSize(1);
        assertThat(r.stdout()).endsWith("}\n");
        return r.json();
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    @Test
    void minimalCallGivesTheWholeObservationInStableKeyOrder() {
        JsonNode o = ok(emit());
        assertThat(o.propertyNames())
                .containsExactly(
                        "schema_version",
                        "capabilities_schema_version",
                        "stack",
                        "probe",
                        "run",
                        "operation",
                        "result",
                        "payload",
                        "capability_context");
        assertThat(o.get("stack").propertyNames())
                .containsExactly(
                        "codex_cli_version",
                        "codex_profile",
                        "sandbox_mode",
                        "os",
                        "platform",
                        "uid",
                        "is_root",
                        "sandbox_interface");
        assertThat(o.get("schema_version").stringValue()).isEqualTo("cfbo-v1");
        assertThat(o.get("capabilities_schema_version").isNull()).isTrue();
        assertThat(o.get("capability_context").isNull()).isTrue();
        assertThat(o.get("probe"))
                .isEqualTo(tree("{\"id\":\"fs_probe\",\"version\":\"1\",\"primary_capability_id\":\"cap_fs_read\","
                        + "\"secondary_capability_ids\":[]}"));
        assertThat(o.get("run"))
                .isEqualTo(tree("{\"mode\":\"baseline\",\"workspace_root\":null,\"command\":\"cat x\"}"));
        assertThat(o.get("operation"))
                .isEqualTo(tree("{\"category\":\"fs\",\"verb\":\"read\",\"target\":\"/tmp/x\",\"args\":{}}"));
        assertThat(o.get("result"))
                .isEqualTo(tree("{\"observed_result\":\"success\",\"raw_exit_code\":null,"
                        + "\"errno\":null,\"message\":null,\"error_detail\":null}"));
        assertThat(o.get("payload")).isEqualTo(tree("{\"stdout_snippet\":null,\"stderr_snippet\":null,\"raw\":{}}"));
        assertThat(o.has("json_fragments")).isFalse();
    }

    @Test
    void stackComesFromTheShellAndTheFenceVariables() {
        JsonNode s = ok(emit(Map.of(), List.of())).get("stack");
        assertThat(s.get("codex_cli_version").isNull()).isTrue();
        assertThat(s.get("codex_profile").isNull()).isTrue();
        assertThat(s.get("sandbox_mode").isNull()).isTrue();
        assertThat(s.get("sandbox_interface").isNull()).isTrue();
        assertThat(s.get("os").stringValue()).isNotEmpty();
        String os = System.getProperty("os.name").toLowerCase();
        assertThat(s.get("platform").stringValue())
                .isEqualTo(os.contains("linux") ? "linux" : os.contains("mac") ? "macos" : "other");
        assertThat(s.get("uid").isInt()).isTrue();
        assertThat(s.get("is_root").booleanValue()).isEqualTo(s.get("uid").intValue() == 0);

        JsonNode set = ok(emit(
                        Map.of(
                                "FENCE_CODEX_CLI_VERSION",
                                "0.169.0",
                                "FENCE_CODEX_PROFILE",
                                "fence",
                                "FENCE_SANDBOX_MODE",
                                "read-only",
                                "FENCE_SANDBOX_INTERFACE",
                                "sandbox-os"),
                        List.of()))
                .get("stack");
        assertThat(set.get("codex_cli_version").stringValue()).isEqualTo("0.169.0");
        assertThat(set.get("codex_profile").stringValue()).isEqualTo("fence");
        assertThat(set.get("sandbox_mode").stringValue()).isEqualTo("read-only");
        assertThat(set.get("sandbox_interface").stringValue()).isEqualTo("sandbox-os");

        JsonNode empty = ok(emit(Map.of("FENCE_CODEX_CLI_VERSION", "", "FENCE_SANDBOX_MODE", ""), List.of()))
                .get("stack");
        assertThat(empty.get("codex_cli_version").isNull()).isTrue();
        assertThat(empty.get("sandbox_mode").isNull()).isTrue();
    }

    /** flag arguments, JSON pointer, the JSON expected there. */
    static Stream<Arguments> flags() {
        return Stream.of(
                arguments(List.of("--run-mode", "codex-sandbox"), "/run/mode", "\"codex-sandbox\""),
                arguments(List.of("--probe-name", "other_probe"), "/probe/id", "\"other_probe\""),
                arguments(List.of("--probe-id", "alias_probe"), "/probe/id", "\"alias_probe\""),
                arguments(List.of("--probe-version", "2.1"), "/probe/version", "\"2.1\""),
                arguments(
                        List.of("--primary-capability-id", "cap_other"),
                        "/probe/primary_capability_id",
                        "\"cap_other\""),
                arguments(
                        List.of("--secondary-capability-id", "cap_b", "--secondary-capability-id", "cap_a"),
                        "/probe/secondary_capability_ids",
                        "[\"cap_b\",\"cap_a\"]"),
                arguments(
                        List.of(
                                "--secondary-capability-id",
                                "cap_b",
                                "--secondary-capability-id",
                                "cap_b",
                                "--secondary-capability-id",
                                ""),
                        "/probe/secondary_capability_ids",
                        "[\"cap_b\"]"),
                arguments(List.of("--command", "touch 'a b'"), "/run/command", "\"touch 'a b'\""),
                arguments(List.of("--category", "net"), "/operation/category", "\"net\""),
                arguments(List.of("--verb", "connect"), "/operation/verb", "\"connect\""),
                arguments(List.of("--target", "127.0.0.1:9"), "/operation/target", "\"127.0.0.1:9\""),
                arguments(List.of("--status", "denied"), "/result/observed_result", "\"denied\""),
                arguments(List.of("--status", "partial"), "/result/observed_result", "\"partial\""),
                arguments(List.of("--status", "error"), "/result/observed_result", "\"error\""),
                arguments(List.of("--errno", "EPERM"), "/result/errno", "\"EPERM\""),
                arguments(
                        List.of("--message", "Operation not permitted"),
                        "/result/message",
                        "\"Operation not permitted\""),
                arguments(List.of("--raw-exit-code", "13"), "/result/raw_exit_code", "13"),
                arguments(List.of("--raw-exit-code", "-1"), "/result/raw_exit_code", "-1"),
                arguments(List.of("--raw-exit-code", "007"), "/result/raw_exit_code", "7"),
                arguments(List.of("--raw-exit-code", "0"), "/result/raw_exit_code", "0"),
                arguments(List.of("--raw-exit-code", "-00"), "/result/raw_exit_code", "0"),
                arguments(List.of("--error-detail", "stat failed"), "/result/error_detail", "\"stat failed\""),
                arguments(List.of("--payload-stdout", "out"), "/payload/stdout_snippet", "\"out\""),
                arguments(List.of("--payload-stderr", "err"), "/payload/stderr_snippet", "\"err\""),
                arguments(
                        List.of("--payload-stdout-file", "@file:from file\n"),
                        "/payload/stdout_snippet",
                        "\"from file\\n\""),
                arguments(List.of("--payload-stderr-file", "@file:e"), "/payload/stderr_snippet", "\"e\""),
                arguments(
                        List.of("--payload-stdout", "a", "--payload-stdout", "b"), "/payload/stdout_snippet", "\"b\""),
                arguments(
                        List.of("--payload-raw-field", "k", "v", "--payload-raw-field", "n", "1"),
                        "/payload/raw",
                        "{\"k\":\"v\",\"n\":\"1\"}"),
                arguments(List.of("--payload-raw-field", "k", ""), "/payload/raw", "{\"k\":\"\"}"),
                arguments(List.of("--payload-raw-list", "l", "a,b"), "/payload/raw", "{\"l\":[\"a\",\"b\"]}"),
                arguments(List.of("--payload-raw-list", "l", ""), "/payload/raw", "{\"l\":[]}"),
                arguments(
                        List.of("--payload-raw-list", "l", "a,,b,"), "/payload/raw", "{\"l\":[\"a\",\"\",\"b\",\"\"]}"),
                arguments(List.of("--payload-raw-null", "n"), "/payload/raw", "{\"n\":null}"),
                arguments(List.of("--payload-raw-field-json", "j", "[1,2]"), "/payload/raw", "{\"j\":null}"),
                arguments(List.of("--payload-raw-field-json", "j", ""), "/payload/raw", "{\"j\":null}"),
                arguments(List.of("--operation-arg", "mode", "0644"), "/operation/args", "{\"mode\":\"0644\"}"),
                arguments(
                        List.of("--operation-arg-list", "argv", "-l,-a"),
                        "/operation/args",
                        "{\"argv\":[\"-l\",\"-a\"]}"),
                arguments(List.of("--operation-arg-null", "n"), "/operation/args", "{\"n\":null}"),
                arguments(List.of("--operation-arg-json", "j", "{\"a\":1}"), "/operation/args", "{\"j\":null}"),
                arguments(
                        List.of(
                                "--operation-arg",
                                "b",
                                "1",
                                "--operation-arg-null",
                                "a",
                                "--operation-arg-list",
                                "c",
                                "x"),
                        "/operation/args",
                        "{\"b\":\"1\",\"a\":null,\"c\":[\"x\"]}"),
                arguments(
                        List.of("--operation-arg", "k", "1", "--payload-raw-field", "k", "2"),
                        "/operation/args",
                        "{\"k\":\"1\"}"),
                arguments(List.of("--payload-raw", "{\"x\":1}"), "/payload/raw", "{}"),
                arguments(List.of("--operation-args", "{\"x\":1}"), "/operation/args", "{}"));
    }

    @ParameterizedTest(name = "{0} -> {1} = {2}")
    @MethodSource("flags")
    void everyFlagLandsWhereTheReadmeSays(List<String> args, String pointer, String expected) throws IOException {
        JsonNode o = ok(emit(Map.of(), withFiles(args)));
        assertThat(o.at(pointer)).isEqualTo(tree(expected));
    }

    /** flag arguments, the json_fragments expected. */
    static Stream<Arguments> fragments() {
        return Stream.of(
                arguments(
                        List.of("--operation-args", "{\"mode\":\"0644\"}"),
                        "[{\"flag\":\"--operation-args\",\"pointer\":\"/operation/args\",\"role\":\"base\","
                                + "\"json\":\"{\\\"mode\\\":\\\"0644\\\"}\"}]"),
                arguments(
                        List.of("--operation-args-file", "@file:{\"a\": [1]}\n"),
                        "[{\"flag\":\"--operation-args-file\",\"pointer\":\"/operation/args\",\"role\":\"base\","
                                + "\"json\":\"{\\\"a\\\": [1]}\\n\"}]"),
                arguments(
                        List.of("--operation-arg-json", "policy", "[1,2]"),
                        "[{\"flag\":\"--operation-arg-json\",\"pointer\":\"/operation/args/policy\","
                                + "\"role\":\"value\",\"json\":\"[1,2]\"}]"),
                arguments(
                        List.of("--payload-raw", "{}"),
                        "[{\"flag\":\"--payload-raw\",\"pointer\":\"/payload/raw\",\"role\":\"base\","
                                + "\"json\":\"{}\"}]"),
                arguments(
                        List.of("--payload-raw-file", "@file:{\"b\":true}"),
                        "[{\"flag\":\"--payload-raw-file\",\"pointer\":\"/payload/raw\",\"role\":\"base\","
                                + "\"json\":\"{\\\"b\\\":true}\"}]"),
                arguments(
                        List.of("--payload-raw-field-json", "a/b~c", "null"),
                        "[{\"flag\":\"--payload-raw-field-json\",\"pointer\":\"/payload/raw/a~1b~0c\","
                                + "\"role\":\"value\",\"json\":\"null\"}]"),
                arguments(
                        List.of("--payload-file", "@file:{\"raw\":{\"x\":1}}"),
                        "[{\"flag\":\"--payload-file\",\"pointer\":\"/payload\",\"role\":\"base\","
                                + "\"json\":\"{\\\"raw\\\":{\\\"x\\\":1}}\"}]"),
                // flag order, invalid JSON travels unchecked
                arguments(
                        List.of(
                                "--payload-raw-field-json",
                                "z",
                                "not json",
                                "--operation-args",
                                "{",
                                "--payload-raw",
                                "[]"),
                        "[{\"flag\":\"--payload-raw-field-json\",\"pointer\":\"/payload/raw/z\",\"role\":\"value\","
                                + "\"json\":\"not json\"},"
                                + "{\"flag\":\"--operation-args\",\"pointer\":\"/operation/args\",\"role\":\"base\","
                                + "\"json\":\"{\"},"
                                + "{\"flag\":\"--payload-raw\",\"pointer\":\"/payload/raw\",\"role\":\"base\","
                                + "\"json\":\"[]\"}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fragments")
    void jsonTakingFlagsTravelAsFragments(List<String> args, String expected) throws IOException {
        JsonNode o = ok(emit(Map.of(), withFiles(args)));
        assertThat(o.get("json_fragments")).isEqualTo(tree(expected));
        List<String> keys = new ArrayList<>(o.propertyNames());
        assertThat(keys.get(keys.size() - 1)).isEqualTo("json_fragments");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--operation-args",
                "--operation-args-file",
                "--payload-raw",
                "--payload-raw-file",
                "--payload-file"
            })
    void anEmptyBaseIsNotGiven(String flag) {
        JsonNode o = ok(emit(flag, ""));
        assertThat(o.has("json_fragments")).isFalse();
        assertThat(o.at("/payload/stdout_snippet").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/result/errno:--errno",
                "/result/message:--message",
                "/result/error_detail:--error-detail",
                "/result/raw_exit_code:--raw-exit-code",
                "/payload/stdout_snippet:--payload-stdout",
                "/payload/stderr_snippet:--payload-stderr"
            })
    void anEmptyValueIsNull(String pointerAndFlag) {
        String[] pf = pointerAndFlag.split(":");
        JsonNode set = ok(emit(pf[1], "1"));
        assertThat(set.at(pf[0]).isNull()).isFalse();
        JsonNode o = ok(emit(pf[1], "1", pf[1], ""));
        assertThat(o.at(pf[0]).isMissingNode()).isFalse();
        assertThat(o.at(pf[0]).isNull()).as("%s", o).isTrue();
    }

    @Test
    void defaultsAndEnvironment() {
        assertThat(ok(emit("--probe-version", "")).at("/probe/version").stringValue())
                .isEqualTo("1");
        assertThat(ok(emit("--run-mode", "")).at("/run/mode").stringValue()).isEqualTo("baseline");
        assertThat(ok(emit("--payload-stdout-file", ""))
                        .at("/payload/stdout_snippet")
                        .isNull())
                .isTrue();

        Map<String, String> env = Map.of("FENCE_RUN_MODE", "codex-sandbox", "FENCE_WORKSPACE_ROOT", "/w s");
        JsonNode o = ok(emit(env, List.of()));
        assertThat(o.at("/run/mode").stringValue()).isEqualTo("codex-sandbox");
        assertThat(o.at("/run/workspace_root").stringValue()).isEqualTo("/w s");
        assertThat(ok(emit(env, List.of("--run-mode", "baseline")))
                        .at("/run/mode")
                        .stringValue())
                .isEqualTo("baseline");
        assertThat(ok(emit(env, List.of("--run-mode", ""))).at("/run/mode").stringValue())
                .isEqualTo("codex-sandbox");
        assertThat(ok(emit(Map.of("FENCE_WORKSPACE_ROOT", ""), List.of()))
                        .at("/run/workspace_root")
                        .isNull())
                .isTrue();
    }

    @Test
    void ownVariablesDoNotLeakInFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String v : List.of(
                "_args",
                "_raw",
                "_sec",
                "_frag",
                "_errno",
                "_message",
                "_exit",
                "_so",
                "_pfile",
                "_ka",
                "_kr",
                "_version",
                "_mode",
                "_detail",
                "_se")) {
            env.put(v, "LEAK");
        }
        JsonNode o = ok(emit(env, List.of()));
        assertThat(o.toString()).doesNotContain("LEAK");
        assertThat(o.has("json_fragments")).isFalse();
    }

    @Test
    void payloadFileLeavesOutTheSnippetsNoFlagSet() throws IOException {
        JsonNode o = ok(emit(
                Map.of(),
                withFiles(List.of(
                        "--payload-file", "@file:{\"stdout_snippet\":\"f\"}", "--payload-raw-field", "k", "v"))));
        assertThat(o.get("payload")).isEqualTo(tree("{\"raw\":{\"k\":\"v\"}}"));

        JsonNode set = ok(emit(
                Map.of(),
                withFiles(List.of("--payload-file", "@file:{}", "--payload-stderr", "e", "--payload-stdout", ""))));
        assertThat(set.get("payload")).isEqualTo(tree("{\"stdout_snippet\":null,\"stderr_snippet\":\"e\",\"raw\":{}}"));
    }

    @Test
    void filesAreReadVerbatimWithoutNulBytes() throws IOException {
        Path f = tmp.resolve("bin");
        Files.write(f, new byte[] {'a', 0, 'b', '\n', '\n'});
        JsonNode o = ok(emit("--payload-stdout-file", f.toString()));
        assertThat(o.at("/payload/stdout_snippet").stringValue()).isEqualTo("ab\n\n");
    }

    @Test
    void snippetsAreCutTo400Characters() {
        JsonNode o = ok(emit(
                "--payload-stdout",
                "x".repeat(1000),
                "--payload-stderr",
                "y".repeat(400),
                "--message",
                "z".repeat(1000)));
        assertThat(o.at("/payload/stdout_snippet").stringValue()).isEqualTo("x".repeat(400));
        assertThat(o.at("/payload/stderr_snippet").stringValue()).isEqualTo("y".repeat(400));
        assertThat(o.at("/result/message").stringValue()).hasSize(1000);
    }

    @Test
    void snippetCutCountsCharactersInAUtf8Locale() {
        Scripts.Result probe =
                Scripts.run(List.of("bash", "-c", "LC_ALL=C.UTF-8; s=$'\\xc3\\xa9'; echo ${#s}"), Map.of(), null);
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.stdout().trim().equals("1"), "no C.UTF-8 locale");
        byte[] value = "é€😀".repeat(200).getBytes(UTF_8);
        JsonNode utf8 = ok(Scripts.emitBytes(Map.of("LC_ALL", "C.UTF-8"), "--payload-stdout", value));
        String cut = utf8.at("/payload/stdout_snippet").stringValue();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(400);
        assertThat(cut).isEqualTo("é€😀".repeat(133) + "é");

        // LC_ALL unset, LANG names the locale: the cut restores it
        Map<String, String> lang = new HashMap<>();
        lang.put("LC_ALL", null);
        lang.put("LC_CTYPE", null);
        lang.put("LANG", "C.UTF-8");
        JsonNode viaLang = ok(Scripts.emitBytes(lang, "--payload-stdout", value));
        assertThat(viaLang.at("/payload/stdout_snippet").stringValue()).isEqualTo(cut);

        // bytes under LC_ALL=C: at most 400 bytes, a cut sequence repaired by lenient decoding
        JsonNode c = ok(Scripts.emitBytes(Map.of("LC_ALL", "C"), "--payload-stdout", value));
        String bytes = c.at("/payload/stdout_snippet").stringValue();
        assertThat(bytes).startsWith("é€😀");
        assertThat(bytes.codePointCount(0, bytes.length())).isLessThanOrEqualTo(400);
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Scripts.Result r = Scripts.helper("emit-record", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).startsWith("usage: emit-record").contains("--payload-raw-field-json");
        assertThat(r.stderr()).isEmpty();
    }

    /** arguments after the required flags (or instead of them), a text the error line must contain. */
    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("--frobnicate", "x"), "unknown flag: --frobnicate"),
                arguments(List.of("--probe-name=x"), "unknown flag: --probe-name=x"),
                arguments(List.of("stray"), "unexpected argument: stray"),
                arguments(List.of("--message"), "--message needs a value"),
                arguments(List.of("--operation-arg", "k"), "--operation-arg needs a KEY and a VALUE"),
                arguments(List.of("--payload-raw-null"), "--payload-raw-null needs a KEY"),
                arguments(List.of("--status", "allowed"), "--status must be success, denied, partial or error"),
                arguments(List.of("--status", ""), "missing required flag(s): --status"),
                arguments(List.of("--target", ""), "missing required flag(s): --target"),
                arguments(List.of("--raw-exit-code", "abc"), "--raw-exit-code must be an integer, not 'abc'"),
                arguments(List.of("--raw-exit-code", "1.5"), "--raw-exit-code must be an integer"),
                arguments(List.of("--raw-exit-code", "-"), "--raw-exit-code must be an integer"),
                arguments(List.of("--raw-exit-code", "1-2"), "--raw-exit-code must be an integer"),
                arguments(List.of("--raw-exit-code", " 1"), "--raw-exit-code must be an integer"),
                arguments(
                        List.of("--operation-arg", "k", "1", "--operation-arg", "k", "2"),
                        "--operation-arg: key 'k' named twice"),
                arguments(
                        List.of("--operation-arg", "k", "1", "--operation-arg-null", "k"),
                        "--operation-arg-null: key 'k' named twice"),
                arguments(
                        List.of("--operation-arg-list", "k", "", "--operation-arg-json", "k", "1"),
                        "--operation-arg-json: key 'k' named twice"),
                arguments(
                        List.of("--payload-raw-field", "k", "1", "--payload-raw-field", "k", "1"),
                        "--payload-raw-field: key 'k' named twice"),
                arguments(
                        List.of("--payload-raw-null", "k", "--payload-raw-list", "k", "a"),
                        "--payload-raw-list: key 'k' named twice"),
                arguments(
                        List.of("--payload-raw-field-json", "k\"", "1", "--payload-raw-field", "k\"", "1"),
                        "--payload-raw-field: key 'k\"' named twice"),
                arguments(List.of("--payload-raw-field", "", "v"), "--payload-raw-field: empty key"),
                arguments(List.of("--operation-arg-null", ""), "--operation-arg-null: empty key"),
                arguments(
                        List.of("--payload-stdout-file", "/nonexistent/x"),
                        "--payload-stdout-file: cannot read file: /nonexistent/x"),
                arguments(
                        List.of("--payload-stderr-file", "/nonexistent/y"),
                        "--payload-stderr-file: cannot read file: /nonexistent/y"),
                arguments(List.of("--payload-file", "/"), "--payload-file: cannot read file: /"),
                arguments(
                        List.of("--payload-raw-file", "/nonexistent/z"),
                        "--payload-raw-file: cannot read file: /nonexistent/z"),
                arguments(
                        List.of("--operation-args-file", "/nonexistent/w"),
                        "--operation-args-file: cannot read file: /nonexistent/w"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("usageErrors")
    void usageErrorsExit64WithOneLineOnStderrAndNothingOnStdout(List<String> args, String what) {
        assertUsageError(emit(Map.of(), args), what);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4, 6, 8, 10, 12})
    void everyMissingRequiredFlagIsNamed(int drop) {
        List<String> args = new ArrayList<>(REQUIRED);
        String flag = args.remove(drop);
        args.remove(drop);
        Scripts.Result r = Scripts.helper("emit-record", args.toArray(String[]::new));
        assertUsageError(r, "missing required flag(s): " + flag);
    }

    @Test
    void noArgumentsNamesAllRequiredFlags() {
        assertUsageError(
                Scripts.helper("emit-record"),
                "missing required flag(s): --probe-name "
                        + "--primary-capability-id --command --category --verb --target --status");
    }

    @Test
    void anUnreadableFileIsAUsageError() throws IOException {
        Path f = tmp.resolve("secret");
        Files.writeString(f, "x");
        org.junit.jupiter.api.Assumptions.assumeTrue(f.toFile().setReadable(false, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f), "running as root");
        assertUsageError(emit("--payload-stdout-file", f.toString()), "--payload-stdout-file: cannot read file: " + f);
    }

    static void assertUsageError(Scripts.Result r, String what) {
        assertThat(r.exit()).as("%s", r).isEqualTo(64);
        assertThat(r.stdoutBytes()).as("%s", r).isEmpty();
        assertThat(r.stderr())
                .as("%s", r)
                .startsWith("emit-record: ")
                .contains(what)
                .endsWith("\n");
        assertThat(r.stderr().split("\n")).hasSize(1);
    }
}
