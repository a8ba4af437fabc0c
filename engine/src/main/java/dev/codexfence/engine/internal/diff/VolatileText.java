package dev.codexfence.engine.internal.diff;

import dev.codexfence.record.BoundaryObject;
import java.util.regex.Pattern;

/**
 * Messages carry volatile facts (docs/boundary_object.md, "Volatile fields"): the scratch workspace, PIDs,
 * ports, counts. Two messages are compared by their shape: the record's workspace path, the run's scratch
 * folder (the workspace's parent) and every run of digits masked.
 */
final class VolatileText {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private VolatileText() {}

    static String shape(BoundaryObject record) {
        String message = record.result().message();
        if (message == null) {
            return null;
        }
        String ws = record.run().workspaceRoot();
        if (ws != null && !ws.isEmpty()) {
            message = message.replace(ws, "<workspace>");
            int slash = ws.lastIndexOf('/');
            if (slash > 0) {
                // the run's scratch folder (it holds $FENCE_OUTSIDE_DIR): a random name per run
                message = message.replace(ws.substring(0, slash), "<run>");
            }
        }
        return DIGITS.matcher(message).replaceAll("#");
    }
}
