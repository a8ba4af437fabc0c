package dev.codexfence.engine.internal.input;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * An input the harness refuses to read, or stopped reading: not a regular file, larger than its cap, a line
 * longer than its cap. {@link #problem()} says what is wrong without naming the input (for messages that
 * already name it); {@link #getMessage()} names it first ("x.sh: is a FIFO, not a regular file").
 */
@API(status = INTERNAL, since = "0.1")
public final class InputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InputException(String input, String problem) {
        super(input + ": " + problem);
        this.problem = problem;
    }

    InputException(Path input, String problem) {
        this(input.toString(), problem);
    }

    /** What is wrong, e.g. "is a FIFO, not a regular file". */
    public String problem() {
        return problem;
    }
}
