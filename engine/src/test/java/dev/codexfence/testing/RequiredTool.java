package dev.codexfence.testing;

import dev.codexfence.engine.internal.run.CodexLocator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An external tool (the codex CLI, chromium) that the tests of a class need, looked up once when the class is
 * loaded. Register it on the class ({@code @RegisterExtension static final RequiredTool CODEX =
 * RequiredTool.codex();}) and read {@link #path()} in the tests. It is an {@link ExecutionCondition} evaluated
 * for each test, never for the class: where the tool is missing each test is reported as skipped with the reason
 * (Surefire's XML: {@code <skipped message="codex not found (run bin/install-codex)"/>}), never as a class with
 * "Tests run: 0". Where {@code CI=true} a missing tool fails each test instead: CI must install it.
 *
 * <p>The system property {@value #HIDE} (a comma-separated list of tool names, e.g.
 * {@code mvn test -Dfence.test.hide=codex,chromium}) makes the named tools look missing, to see those skips on a
 * machine that has them.
 *
 * <p>For a single test of a class, {@code @ExtendWith(RequiredTool.Codex.class)} does the same for that test only.
 */
public final class RequiredTool implements ExecutionCondition {

    /** System property: comma-separated names of tools to treat as missing. */
    public static final String HIDE = "fence.test.hide";

    private final String name;
    private final String reason;
    private final Path path;

    private RequiredTool(String name, String reason, Path path) {
        this.name = name;
        this.reason = reason;
        this.path = path;
    }

    /**
     * @param name the tool's name as {@value #HIDE} lists it ({@code codex}, {@code chromium})
     * @param install how to install it, for the reason of a skip
     * @param finder looks the tool up; not called when the tool is hidden
     */
    public static RequiredTool find(String name, String install, Supplier<Optional<Path>> finder) {
        if (hidden(name)) {
            return new RequiredTool(name, name + " hidden by -D" + HIDE + " (else: " + install + ")", null);
        }
        return new RequiredTool(
                name, name + " not found (" + install + ")", finder.get().orElse(null));
    }

    /** The codex CLI as the engine finds it without configuration (the project-local install), looked up once. */
    public static RequiredTool codex() {
        return CodexOnce.TOOL;
    }

    private static final class CodexOnce {
        static final RequiredTool TOOL =
                find("codex", "run bin/install-codex", () -> CodexLocator.locate(null, Path.of("")));
    }

    /**
     * For one test of a class whose other tests do not need codex: {@code @ExtendWith(RequiredTool.Codex.class)} on
     * the test, then {@code RequiredTool.codex().path()} in it.
     */
    public static final class Codex implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return codex().evaluateExecutionCondition(context);
        }
    }

    /** True when {@code name} is listed in {@value #HIDE}. */
    public static boolean hidden(String name) {
        return Arrays.stream(System.getProperty(HIDE, "").split(","))
                .map(String::strip)
                .anyMatch(name::equals);
    }

    public boolean present() {
        return path != null;
    }

    /** The tool; only called by tests, which run only where it is present. */
    public Path path() {
        if (path == null) {
            throw new IllegalStateException(reason);
        }
        return path;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("the need for " + name + " is checked for each test");
        }
        if (path != null) {
            return ConditionEvaluationResult.enabled(name + " at " + path);
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install " + name + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
