package dev.codexfence.runtime;

import static dev.codexfence.runtime.Scripts.REQUIRED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Hostile strings survive emit-record's pure-Bash JSON escaping byte for byte. */
class EmitRecordEscapingTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] allControls() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = 1; c < 0x20; c++) {
            out.write(c);
            out.write('x');
        }
        out.write(0x7f);
        return out.toByteArray();
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                arguments("quotes", "he said \"hi\" and 'bye' \"\"".getBytes(UTF_8)),
                arguments("backslashes", "C:\\dir\\\\x\\\\\\ \\n \\u0041 \\\" \\".getBytes(UTF_8)),
                arguments("trailing backslash", "x\\".getBytes(UTF_8)),
                arguments("newlines", "a\nb\r\nc\n\n".getBytes(UTF_8)),
                arguments("every control character", allControls()),
                arguments("control characters back to back", bytes(1, 1, 2, 31, 31, 27, '[', '0', 'm', 8, 12)),
                arguments("unicode", "é 中文 😀 \u2028\u2029 \ufeff ünïcödé".getBytes(UTF_8)),
                arguments(
                        "invalid utf-8",
                        concat(
                                "a".getBytes(UTF_8),
                                bytes(0xff, 0xfe, 'b', 0xc3, 'c', 0xe2, 0x82, 'd', 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0x80),
                                "é".getBytes(UTF_8),
                                bytes(0xc3))),
                arguments(
                        "shell syntax", "$(id) `id` $HOME ${x} * ? [a] ~ & | ; < > %s %b %q \\& & \\1".getBytes(UTF_8)),
                arguments("json syntax", "{\"a\":[1,\"b\"]} </script> \\u0000".getBytes(UTF_8)),
                arguments("leading dashes", "--status".getBytes(UTF_8)),
                arguments("blanks", "   \t ".getBytes(UTF_8)));
    }

    private static void assertRoundTrip(Scripts.Result r, String expected) {
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdoutLines()).hasSize(1);
        JsonNode o = r.json();
        assertThat(o.at("/result/message").stringValue()).isEqualTo(expected);
        assertThat(o.at("/run/command").stringValue()).isEqualTo(expected);
        assertThat(o.at("/operation/target").stringValue()).isEqualTo(expected);
        assertThat(o.at("/payload/stdout_snippet").stringValue()).isEqualTo(expected);
        assertThat(o.at("/operation/args/v").stringValue()).isEqualTo(expected);
        assertThat(o.at("/payload/raw").propertyNames()).containsExactly(expected);
        assertThat(o.at("/payload/raw").get(expected).stringValue()).isEqualTo(expected);
        assertThat(o.at("/json_fragments/0/json").stringValue()).isEqualTo(expected);
        assertThat(o.at("/json_fragments/1/pointer").stringValue())
                .isEqualTo("/operation/args/" + expected.replace("~", "~0").replace("/", "~1"));
    }

    private static Scripts.Result emitEverywhere(Map<String, String> env, byte[] v) {
        List<byte[]> args = new ArrayList<>();
        for (String flag : List.of("--message", "--command", "--target", "--payload-stdout")) {
            args.add(flag.getBytes(UTF_8));
            args.add(v);
        }
        args.add("--operation-arg".getBytes(UTF_8));
        args.add("v".getBytes(UTF_8));
        args.add(v);
        args.add("--payload-raw-field".getBytes(UTF_8));
        args.add(v);
        args.add(v);
        args.add("--operation-args".getBytes(UTF_8));
        args.add(v);
        args.add("--operation-arg-json".getBytes(UTF_8));
        args.add(v);
        args.add("1".getBytes(UTF_8));
        return Scripts.emitRaw(env, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileValuesRoundTrip(String name, byte[] value) {
        assertRoundTrip(emitEverywhere(Map.of(), value), new String(value, UTF_8));
    }

    /** Bash 5.2's emulation of older versions (3.2, 4.2) quotes replacement strings differently. */
    @ParameterizedTest(name = "BASH_COMPAT={0}")
    @ValueSource(strings = {"32", "42", "43", "50"})
    void hostileValuesRoundTripUnderOlderBashQuotingRules(String compat) {
        Map<String, String> env = Map.of("BASH_COMPAT", compat);
        hostile().forEach(a -> {
            byte[] v = (byte[]) a.get()[1];
            assertRoundTrip(emitEverywhere(env, v), new String(v, UTF_8));
        });
    }

    @ParameterizedTest(name = "0x{0}")
    @MethodSource("controlCharacters")
    void everyControlCharacterIsEscaped(int c) {
        byte[] v = bytes('<', c, '>', c);
        Scripts.Result r = Scripts.emitBytes(Map.of(), "--message", v);
        assertThat(r.exit()).as("%s", r).isZero();
        String expected = "<" + (char) c + ">" + (char) c;
        assertThat(r.json().at("/result/message").stringValue()).isEqualTo(expected);
        // and the raw line holds no control character at all
        for (byte b : r.stdoutBytes()) {
            if (b != '\n') {
                assertThat(b & 0xff).isGreaterThanOrEqualTo(0x20);
            }
        }
        String escape = switch (c) {
            case '\b' -> "\\b";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\f' -> "\\f";
            case '\r' -> "\\r";
            default -> String.format("\\u%04x", c);
        };
        assertThat(r.stdout()).contains("\"message\":\"<" + escape + ">" + escape + "\"");
    }

    static IntStream controlCharacters() {
        return IntStream.rangeClosed(1, 0x1f);
    }

    @Test
    void bytesFromEightyUpPassThroughUnchanged() {
        byte[] v = bytes(0x7f, 0x80, 0xc3, 0xa9, 0xff);
        Scripts.Result r = Scripts.emitBytes(Map.of(), "--message", v);
        String out = new String(r.stdoutBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(out).contains("\"message\":\"" + new String(v, java.nio.charset.StandardCharsets.ISO_8859_1) + "\"");
    }

    private static String bigHostile(int length) {
        String unit = "ab\"c\\d\ne\tf\u0001g\u001fh/~,i ";
        StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        sb.setLength(length);
        return sb.toString();
    }

    @Test
    void aLongArgumentIsEscapedInLinearTime() {
        // Linux caps one argument at 128 KiB: 120 KB through exec, the way probes call it
        String v = bigHostile(120_000);
        long t0 = System.nanoTime();
        Scripts.Result r = Scripts.emit("--message", v, "--payload-raw-field", "k", v);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exit()).as("%s", r.stderr()).isZero();
        assertThat(r.json().at("/result/message").stringValue()).isEqualTo(v);
        assertThat(r.json().at("/payload/raw/k").stringValue()).isEqualTo(v);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a200KbValueWorksWhenEmitRecordIsSourced() throws IOException {
        String v = bigHostile(200_000) + "é中😀";
        Path f = tmp.resolve("big");
        Files.writeString(f, v, UTF_8);
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                "-c",
                "IFS= read -r -d '' v < \"$1\"; shift; . \"$0\" \"$@\" --message \"$v\"",
                Scripts.script("emit-record").toString(),
                f.toString()));
        cmd.addAll(REQUIRED);
        long t0 = System.nanoTime();
        Scripts.Result r = Scripts.run(cmd, Map.of(), null);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exit()).as("%s", r.stderr()).isZero();
        assertThat(r.stdoutLines()).hasSize(1);
        assertThat(r.json().at("/result/message").stringValue()).isEqualTo(v);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a200KbFileWithAnyBytesTravelsWhole() throws IOException {
        byte[] content = concat(
                bigHostile(100_000).getBytes(UTF_8),
                bytes(0xff, 0xc3),
                "é中😀".repeat(12_000).getBytes(UTF_8));
        assertThat(content.length).isGreaterThan(200_000);
        Path f = tmp.resolve("big.json");
        Files.write(f, content);
        Map<String, String> env = new HashMap<>();
        env.put("LC_ALL", "C");
        long t0 = System.nanoTime();
        Scripts.Result r = Scripts.emit(
                env,
                List.of(
                        "--payload-raw-file",
                        f.toString(),
                        "--payload-stdout-file",
                        f.toString(),
                        "--operation-args-file",
                        f.toString()));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.exit()).as("%s", r.stderr()).isZero();
        String expected = new String(content, UTF_8);
        JsonNode o = r.json();
        assertThat(o.at("/json_fragments/0/json").stringValue()).isEqualTo(expected);
        assertThat(o.at("/json_fragments/1/json").stringValue()).isEqualTo(expected);
        assertThat(o.at("/payload/stdout_snippet").stringValue()).isEqualTo(expected.substring(0, 400));
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
}
