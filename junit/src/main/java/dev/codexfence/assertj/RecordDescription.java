package dev.codexfence.assertj;

import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a record reads in a failure message: who ran what, what came back, and the start of its output, so a
 * red policy test explains itself without opening the NDJSON. Tolerates hand-made records with holes.
 */
final class RecordDescription {

    private static final String NONE = "(none)";
    private static final String INDENT = "           ";

    private RecordDescription() {}

    /** {@code fs_write_home_scratch [codex-sandbox]}. */
    static String title(BoundaryObject r) {
        return probeId(r) + " [" + mode(r) + "]";
    }

    /** The record's facts, one per line, each line indented. */
    static String block(BoundaryObject r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "probe", probeId(r) + capabilities(r));
        line(sb, "mode", mode(r));
        line(sb, "command", field(r, BoundaryObject::run, BoundaryObject.Run::command));
        line(
                sb,
                "result",
                observed(r) + ", errno " + errno(r) + ", exit code "
                        + Optional.ofNullable(field(r, BoundaryObject::result, BoundaryObject.Result::rawExitCode))
                                .map(String::valueOf)
                                .orElse(NONE));
        line(sb, "message", field(r, BoundaryObject::result, BoundaryObject.Result::message));
        String detail = field(r, BoundaryObject::result, BoundaryObject.Result::errorDetail);
        if (detail != null) {
            line(sb, "detail", detail);
        }
        line(sb, "stdout", field(r, BoundaryObject::payload, BoundaryObject.Payload::stdoutSnippet));
        line(sb, "stderr", field(r, BoundaryObject::payload, BoundaryObject.Payload::stderrSnippet));
        return sb.toString();
    }

    /** One line for lists of records: title, result, errno, message and command. */
    static String oneLine(BoundaryObject r) {
        String message = field(r, BoundaryObject::result, BoundaryObject.Result::message);
        return title(r) + ": " + observed(r) + ", errno " + errno(r) + " — " + flat(message == null ? NONE : message)
                + "; command: " + flat(orNone(field(r, BoundaryObject::run, BoundaryObject.Run::command)));
    }

    static String probeId(BoundaryObject r) {
        return orNone(field(r, BoundaryObject::probe, BoundaryObject.Probe::id));
    }

    static String mode(BoundaryObject r) {
        return orNone(field(r, BoundaryObject::run, BoundaryObject.Run::mode));
    }

    static String observed(BoundaryObject r) {
        ObservedResult o = field(r, BoundaryObject::result, BoundaryObject.Result::observedResult);
        return o == null ? NONE : o.id();
    }

    static String errno(BoundaryObject r) {
        return orNone(field(r, BoundaryObject::result, BoundaryObject.Result::errno));
    }

    private static String capabilities(BoundaryObject r) {
        String primary = field(r, BoundaryObject::probe, BoundaryObject.Probe::primaryCapabilityId);
        List<String> secondary = field(r, BoundaryObject::probe, BoundaryObject.Probe::secondaryCapabilityIds);
        if (primary == null) {
            return "";
        }
        return " (" + primary
                + (secondary == null || secondary.isEmpty() ? "" : ", also " + String.join(", ", secondary)) + ")";
    }

    private static <P, V> V field(BoundaryObject r, Function<BoundaryObject, P> part, Function<P, V> value) {
        P p = r == null ? null : part.apply(r);
        return p == null ? null : value.apply(p);
    }

    private static void line(StringBuilder sb, String name, String value) {
        String label = "  " + name + ":";
        sb.append('\n')
                .append(label)
                .append(" ".repeat(INDENT.length() - label.length()))
                .append(orNone(value == null ? null : value.strip()).replace("\n", "\n" + INDENT));
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    private static String flat(String s) {
        return s.strip().replaceAll("\\s*\\n\\s*", " ⏎ ");
    }
}
