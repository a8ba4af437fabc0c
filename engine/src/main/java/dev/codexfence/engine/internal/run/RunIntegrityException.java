package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Closing a run found something that makes the run as a whole unsound, although every record was written: a
 * change to the harness's own files that no running probe run could be failed for, or scratch entries that
 * could not be removed. The engine fails its root node with these lines; the CLI prints them and exits non-zero.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunIntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RunIntegrityException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting "harness integrity:" or "harness scratch:". */
    public List<String> problems() {
        return problems;
    }
}
