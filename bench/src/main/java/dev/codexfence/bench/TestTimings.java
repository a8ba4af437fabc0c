package dev.codexfence.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Times every test from its executionStarted to its executionFinished event, and the whole plan; counts
 * tests by outcome. Thread-safe, for parallel runs.
 */
final class TestTimings implements TestExecutionListener {

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Long> durations = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int skipped;
    private long planStart;
    private long planEnd;
    private long firstTestStart = Long.MAX_VALUE;
    private long lastTestEnd;

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        planStart = System.nanoTime();
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        planEnd = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            long now = System.nanoTime();
            started.put(id.getUniqueId(), now);
            synchronized (this) {
                firstTestStart = Math.min(firstTestStart, now);
            }
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            skipped++;
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long now = System.nanoTime();
        synchronized (this) {
            if (id.isTest()) {
                durations.add(now - started.remove(id.getUniqueId()));
                lastTestEnd = Math.max(lastTestEnd, now);
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("")
                        .lines().findFirst().orElse(""));
            }
        }
    }

    synchronized List<Long> durations() {
        return List.copyOf(durations);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized int skipped() {
        return skipped;
    }

    /** Plan start to plan end, nanoseconds. */
    synchronized long planNanos() {
        return planEnd - planStart;
    }

    /** Plan start to the first test's start: discovery is done, this is opening the run session. */
    synchronized long beforeFirstTestNanos() {
        return firstTestStart == Long.MAX_VALUE ? 0 : firstTestStart - planStart;
    }

    /** Last test's end to plan end: closing the session (writing the sorted NDJSON, stopping fixtures). */
    synchronized long afterLastTestNanos() {
        return lastTestEnd == 0 ? 0 : planEnd - lastTestEnd;
    }
}
