package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** Lines codex itself writes on stderr around every sandboxed command; removed from probe snippets. */
@API(status = INTERNAL, since = "0.1")
public final class CodexNoise {

    private static final List<Pattern> NOISE =
            List.of(Pattern.compile("^WARNING: proceeding, even though we could not create PATH aliases.*$"));

    private CodexNoise() {}

    /** {@code stderr} without codex's known noise lines. */
    public static String strip(String stderr) {
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\n", -1)) {
            if (NOISE.stream().noneMatch(p -> p.matcher(line).matches())) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(line);
            }
        }
        return sb.toString();
    }
}
