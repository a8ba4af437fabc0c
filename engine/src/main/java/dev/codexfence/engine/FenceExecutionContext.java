package dev.codexfence.engine;

import dev.codexfence.run.RunSession;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What every node sees while executing: the request, and the run session the engine node opened. */
public final class FenceExecutionContext implements EngineExecutionContext {

    private final ExecutionRequest request;
    private final RunSession session;

    FenceExecutionContext(ExecutionRequest request, RunSession session) {
        this.request = request;
        this.session = session;
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

    boolean hasSession() {
        return session != null;
    }

    FenceExecutionContext withSession(RunSession s) {
        return new FenceExecutionContext(request, s);
    }
}
