package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonExtractTest {

    static final String DOC = "{\"a\":{\"b/c\":[1,{\"x\":\"é\\n\"}],\"t~\":true,\"n\":null,\"f\":1.5,\"s\":\"str\"},"
            + "\"list\":[10,20,30],\"\":\"empty key\"}";

    @TempDir
    Path tmp;

    Path doc;

    private static final boolean HIDDEN = Arrays.stream(
                    System.getProperty("fence.test.hide", "").split(","))
            .map(String::strip)
            .anyMatch("python3"::equals);
    private static final boolean PYTHON3 = !HIDDEN
            && Scripts.run(List.of("sh", "-c", "command -v python3"), Map.of(), null)
                            .exit()
                    == 0;

    /**
     * json-extract needs python3: without it (or with {@code -Dfence.test.hide=python3}, to see this) each test is
     * skipped with the reason, never the class as "Tests run: 0"; where CI=true it fails instead.
     */
    @RegisterExtension
    static final ExecutionCondition NEEDS_PYTHON3 = context -> {
        if (context.getTestMethod().isEmpty() || PYTHON3) {
            return ConditionEvaluationResult.enabled("python3 is on PATH, or checked for each test");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have python3 on PATH (json-extract and many probes need it)");
        }
        return ConditionEvaluationResult.disabled(
                HIDDEN
                        ? "python3 hidden by -Dfence.test.hide (json-extract needs it)"
                        : "python3 not found on PATH (json-extract needs it)");
    };

    @BeforeEach
    void write() throws IOException {
        doc = tmp.resolve("doc.json");
        Files.writeString(doc, DOC, UTF_8);
    }

    private Scripts.Result extract(String... args) {
        List<String> all = new ArrayList<>(List.of("--file", doc.toString()));
        all.addAll(Arrays.asList(args));
        return Scripts.helper("json-extract", all.toArray(String[]::new));
    }

    private static String ok(Scripts.Result r) {
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdoutLines()).hasSize(1);
        return r.stdout().strip();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "/a/b~1c/0 | 1",
                "/a/b~1c/1 | {\"x\":\"é\\n\"}",
                "/a/b~1c/1/x | \"é\\n\"",
                "/a/t~0 | true",
                "/a/n | null",
                "/a/f | 1.5",
                "/list/2 | 30",
                "/ | \"empty key\"",
                "/list | [10,20,30]",
            })
    void pointers(String pointer, String expected) {
        assertThat(ok(extract("--pointer", pointer))).isEqualTo(expected);
    }

    @Test
    void noPointerIsTheWholeDocumentCompact() throws IOException {
        Files.writeString(doc, "{ \"a\" : [ 1 , 2 ] ,\n \"b\": \"\\u00e9\" }", UTF_8);
        assertThat(ok(extract())).isEqualTo("{\"a\":[1,2],\"b\":\"é\"}");
        assertThat(ok(extract("--pointer", ""))).isEqualTo("{\"a\":[1,2],\"b\":\"é\"}");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "/a, object",
        "/list, array",
        "/a/s, string",
        "/a/f, number",
        "/list/0, number",
        "/a/t~0, bool",
        "/a/n, null",
    })
    void types(String pointer, String type) {
        assertThat(extract("--pointer", pointer, "--type", type).exit()).isZero();
        String other = type.equals("string") ? "bool" : "string";
        Scripts.Result r = extract("--pointer", pointer, "--type", other);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdoutBytes()).isEmpty();
        assertThat(r.stderr()).contains("is " + type + ", not " + other);
        assertThat(ok(extract("--pointer", pointer, "--type", other, "--default", "\"d\"")))
                .isEqualTo("\"d\"");
    }

    @ParameterizedTest
    @CsvSource({"/zz", "/a/zz", "/list/3", "/list/01", "/list/-", "/list/x", "/a/s/0", "/a/n/x"})
    void missingValues(String pointer) {
        Scripts.Result r = extract("--pointer", pointer);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stdoutBytes()).isEmpty();
        assertThat(r.stderr()).startsWith("json-extract: no value at").contains(doc.toString());
        assertThat(ok(extract("--pointer", pointer, "--default", "{ \"d\": [] }")))
                .isEqualTo("{\"d\":[]}");
    }

    @Test
    void readsStdin() {
        Scripts.Result r = Scripts.run(
                List.of(Scripts.script("json-extract").toString(), "--stdin", "--pointer", "/k"),
                Map.of(),
                "{\"k\":[true]}".getBytes(UTF_8));
        assertThat(ok(r)).isEqualTo("[true]");
    }

    @Test
    void invalidJsonNamesTheFile() throws IOException {
        for (String bad : List.of("{bad", "", "[1,]", "{\"a\":NaN}", "1 2")) {
            Files.writeString(doc, bad, UTF_8);
            Scripts.Result r = extract("--pointer", "/a", "--default", "0");
            assertThat(r.exit()).as(bad).isEqualTo(1);
            assertThat(r.stdoutBytes()).isEmpty();
            assertThat(r.stderr()).startsWith("json-extract: " + doc + ": invalid JSON");
        }
        Scripts.Result stdin = Scripts.run(
                List.of(Scripts.script("json-extract").toString(), "--stdin"), Map.of(), "nope".getBytes(UTF_8));
        assertThat(stdin.exit()).isEqualTo(1);
        assertThat(stdin.stderr()).startsWith("json-extract: <stdin>: invalid JSON");
    }

    @Test
    void unreadableFile() {
        Scripts.Result r = Scripts.helper(
                "json-extract", "--file", tmp.resolve("missing.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("json-extract: cannot read " + tmp.resolve("missing.json"));
    }

    @Test
    void usageErrors() {
        for (String[] args : new String[][] {
            {},
            {"--file"},
            {"--file", "x", "--stdin"},
            {"--stdin", "--type", "int"},
            {"--stdin", "--pointer", "a"},
            {"--stdin", "--default", "{"},
            {"--stdin", "--bogus"}
        }) {
            Scripts.Result r = Scripts.run(prepend(args), Map.of(), new byte[0]);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(64);
            assertThat(r.stdoutBytes()).isEmpty();
            assertThat(r.stderr()).startsWith("json-extract: ");
        }
    }

    private static List<String> prepend(String[] args) {
        List<String> cmd =
                new ArrayList<>(List.of(Scripts.script("json-extract").toString()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    @Test
    void worksWithoutAWritableDirectoryOrEnvironment() {
        // isolated python: no PYTHON* variables, no site, no cache files
        Scripts.Result r = Scripts.run(
                List.of(Scripts.script("json-extract").toString(), "--file", doc.toString(), "--pointer", "/a/s"),
                Map.of(
                        "PYTHONSTARTUP",
                        "/nonexistent",
                        "PYTHONPATH",
                        "/nonexistent",
                        "HOME",
                        "/nonexistent",
                        "TMPDIR",
                        "/nonexistent"),
                null);
        assertThat(ok(r)).isEqualTo("\"str\"");
    }
}
