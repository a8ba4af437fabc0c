package dev.codexfence.engine;

import dev.codexfence.engine.internal.run.RunSession;
import dev.codexfence.engine.internal.run.RunStack;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every node sees while executing: the request, the run session the engine node opened, and below a release
 * node that release's stack.
 */
final class FenceExecutionContext implements EngineExecutionContext {

    private final ExecutionRequest request;
    private final RunSession session;
    private final RunStack stack;

    FenceExecutionContext(ExecutionRequest request, RunSession session) {
        this(request, session, null);
    }

    private FenceExecutionContext(ExecutionRequest request, RunSession session, RunStack stack) {
        this.request = request;
        this.session = session;
        this.stack = stack;
    }

    public ExecutionRequest request() {
        return request;
    }

    /** The open session; present below the engine node. */
    public RunSession session() {
        if (session == null) {
            throw new IllegalStateException("no run session is open");
        }
        return session;
    }

    /** The stack probe runs use here: the release's below a release node, else the session's own. */
    public RunStack stack() {
        return stack != null ? stack : session().stack();
    }

    boolean hasSession() {
        return session != null;
    }

    FenceExecutionContext withSession(RunSession s) {
        return new FenceExecutionContext(request, s, stack);
    }

    FenceExecutionContext withStack(RunStack s) {
        return new FenceExecutionContext(request, session, s);
    }
}
