package dev.codexfence.engine.internal.record;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The encodings a hostile probe uses to smuggle a secret out (shared by the redactor and hostile-probe tests). */
public final class SecretEncodings {

    private SecretEncodings() {}

    /** Every encoding of {@code secret}, by name. */
    public static Map<String, String> all(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        byte[] nl = (secret + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plain", secret);
        m.put("upper case", secret.toUpperCase(Locale.ROOT));
        m.put("base64", Base64.getEncoder().encodeToString(b));
        m.put("base64 unpadded", Base64.getEncoder().withoutPadding().encodeToString(b));
        m.put("base64url", Base64.getUrlEncoder().encodeToString(b));
        m.put("base64url unpadded", Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        m.put("echo | base64", Base64.getEncoder().encodeToString(nl));
        m.put(
                "echo | base64 wrapped",
                Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(nl));
        m.put(
                "base64 at offset 1",
                Base64.getEncoder().encodeToString(("x" + secret).getBytes(StandardCharsets.UTF_8)));
        m.put(
                "base64 at offset 2",
                Base64.getEncoder().encodeToString(("k=" + secret).getBytes(StandardCharsets.UTF_8)));
        m.put("hex", HexFormat.of().formatHex(b));
        m.put("HEX", HexFormat.of().withUpperCase().formatHex(b));
        m.put("hex spaced", HexFormat.ofDelimiter(" ").formatHex(b));
        m.put("url-encoded (form)", URLEncoder.encode(secret, StandardCharsets.UTF_8));
        m.put("url-encoded (RFC 3986)", rfc3986(secret));
        m.put("url-encoded (lower case)", rfc3986(secret).toLowerCase(Locale.ROOT));
        m.put("reversed", new StringBuilder(secret).reverse().toString());
        m.put("spaced", String.join(" ", secret.split("")));
        m.put("dotted", String.join(".", secret.split("")));
        m.put("one per line", String.join("\n", secret.split("")));
        m.put("split by a blank", secret.substring(0, 5) + " " + secret.substring(5));
        return m;
    }

    /** The encodings of {@code secret} (by name) found in {@code text}, and any run of 12 of its characters. */
    public static List<String> leaks(String text, String secret) {
        List<String> found = new ArrayList<>();
        all(secret).forEach((form, encoded) -> {
            if (text.contains(encoded)) {
                found.add(form);
            }
        });
        String lower = text.toLowerCase(Locale.ROOT);
        String value = secret.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 12 <= value.length(); i++) {
            if (lower.contains(value.substring(i, i + 12))) {
                found.add("piece \"" + secret.substring(i, i + 12) + "\"");
                break;
            }
        }
        return found;
    }

    private static String rfc3986(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(x));
            }
        }
        return sb.toString();
    }
}
