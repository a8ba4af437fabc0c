package dev.codexfence.engine.internal.diff;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.stack.StackIdentity;
import dev.codexfence.engine.internal.terminal.TerminalText;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The human rendering of a {@link RunDiff}: a header, the counts, then the differences by capability. Every text
 * taken from the inputs (file names, stack labels, ids, messages) is one line with control characters escaped
 * ({@link TerminalText}).
 */
@API(status = INTERNAL, since = "0.1")
public final class DiffText {

    private static final int MESSAGE_SHOWN = 200;

    private DiffText() {}

    public static String render(RunDiff diff) {
        StringBuilder sb = new StringBuilder("codex-fence diff\n");
        side(sb, "old", diff.before());
        side(sb, "new", diff.after());
        if (diff.acrossReleases().isEmpty()) {
            sb.append("  paired by ")
                    .append(diff.pairedByStack() ? "probe, mode and stack (an input mixes stacks)" : "probe and mode")
                    .append('\n');
        } else if (!diff.pairedByStack()) {
            ReleaseStep step = diff.acrossReleases().get(0);
            sb.append("  paired by probe and mode across releases: ")
                    .append(TerminalText.line(step.describe()))
                    .append(" on ")
                    .append(TerminalText.line(step.host().label()))
                    .append('\n');
        } else {
            sb.append("  paired by probe, mode and host across releases:\n");
            diff.acrossReleases()
                    .forEach(step -> sb.append("      ")
                            .append(TerminalText.line(step.host().label()))
                            .append(": ")
                            .append(TerminalText.line(step.describe()))
                            .append('\n'));
        }
        if (diff.equal()) {
            sb.append("no differences: ")
                    .append(diff.unchanged())
                    .append(diff.unchanged() == 1 ? " pair" : " pairs")
                    .append(" of records agree\n");
            return sb.toString();
        }
        sb.append(diff.count(DiffEntry.Kind.CHANGED))
                .append(" changed, ")
                .append(diff.count(DiffEntry.Kind.APPEARED))
                .append(" appeared, ")
                .append(diff.count(DiffEntry.Kind.DISAPPEARED))
                .append(" disappeared, ")
                .append(diff.unchanged())
                .append(" unchanged\n");
        for (CapabilityDiff cap : diff.capabilities()) {
            sb.append('\n').append(TerminalText.line(cap.capabilityId())).append('\n');
            for (DiffEntry e : cap.entries()) {
                entry(sb, e);
            }
        }
        return sb.toString();
    }

    private static void side(StringBuilder sb, String name, RunDiff.Side side) {
        sb.append("  ")
                .append(name)
                .append(": ")
                .append(
                        side.sources().isEmpty()
                                ? "(no input)"
                                : String.join(
                                        ", ",
                                        side.sources().stream()
                                                .map(TerminalText::line)
                                                .toList()))
                .append(" (")
                .append(side.records())
                .append(side.records() == 1 ? " record" : " records")
                .append(')');
        List<StackIdentity> stacks = side.stacks();
        if (stacks.size() == 1) {
            sb.append(" on ").append(TerminalText.line(stacks.get(0).label()));
        }
        sb.append('\n');
        if (stacks.size() > 1) {
            stacks.forEach(s -> sb.append("      stack ")
                    .append(TerminalText.line(s.label()))
                    .append('\n'));
        }
    }

    private static void entry(StringBuilder sb, DiffEntry e) {
        String mark = switch (e.kind()) {
            case APPEARED -> "+";
            case DISAPPEARED -> "-";
            case CHANGED -> "~";
        };
        sb.append("  ")
                .append(mark)
                .append(' ')
                .append(TerminalText.line(e.probeId()))
                .append(" [")
                .append(TerminalText.line(e.mode()))
                .append(']');
        if (e.stack() != null) {
            sb.append(" on ").append(TerminalText.line(e.stack().label()));
        }
        sb.append(": ");
        switch (e.kind()) {
            case APPEARED -> sb.append("appeared, ").append(TerminalText.line(DiffEntry.outcome(e.after())));
            case DISAPPEARED -> sb.append("disappeared, was ").append(TerminalText.line(DiffEntry.outcome(e.before())));
            case CHANGED ->
                sb.append(TerminalText.line(DiffEntry.outcome(e.before())))
                        .append(" → ")
                        .append(TerminalText.line(DiffEntry.outcome(e.after())));
        }
        sb.append('\n');
        for (FieldChange c : e.changes()) {
            if (c.field().equals("message")) {
                sb.append("      message: ")
                        .append(quote(c.before()))
                        .append(" → ")
                        .append(quote(c.after()))
                        .append('\n');
            }
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String one = TerminalText.line(s.replace("\\", "\\\\"));
        if (one.codePointCount(0, one.length()) > MESSAGE_SHOWN) {
            one = one.substring(0, one.offsetByCodePoints(0, MESSAGE_SHOWN - 1)) + "…";
        }
        return "\"" + one + "\"";
    }
}
