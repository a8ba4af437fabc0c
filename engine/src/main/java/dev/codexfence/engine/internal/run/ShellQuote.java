package dev.codexfence.engine.internal.run;

import java.util.List;
import java.util.regex.Pattern;

/** Renders an argv as one shell-readable command line, for records and messages. */
final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_@%+=:,./-]+$");

    private ShellQuote() {}

    static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(SAFE.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
