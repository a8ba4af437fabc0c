package dev.codexfence.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.engine.Constants;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Jupiter side of {@link CodexFence @CodexFence}: one {@link PolicySession} per test class, kept in the
 * class's extension store (closed with it), {@link ProbeRecord @ProbeRecord} parameters filled before each
 * test, and {@link FenceProbes} parameters.
 *
 * <p>{@code @ProbeRecord} probes run in {@link #beforeEach}, not while parameters are resolved: Jupiter turns
 * anything thrown by a parameter resolver into a failure, and a mode that cannot run here must abort the test.
 */
@API(status = STABLE, since = "0.1")
public final class CodexFenceExtension implements BeforeEachCallback, ParameterResolver {

    /**
     * Configuration key: {@code abort} (default) aborts a test whose mode cannot run here (no codex CLI, failed
     * preflight); {@code fail} fails it, for CI where the codex CLI must be present.
     */
    public static final String UNAVAILABLE = dev.codexfence.engine.Constants.JUNIT_UNAVAILABLE;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CodexFenceExtension.class);

    /** The records for one test invocation's {@code @ProbeRecord} parameters, by parameter index. */
    private record InjectedRecords(Method method, Map<Integer, RecordLine> byIndex) {}

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Parameter[] parameters = method.getParameters();
        Map<Integer, RecordLine> records = new HashMap<>();
        FenceProbes probes = null;
        for (int i = 0; i < parameters.length; i++) {
            ProbeRecord wanted = parameters[i].getAnnotation(ProbeRecord.class);
            if (wanted == null) {
                continue;
            }
            Class<?> type = parameters[i].getType();
            if (type != BoundaryObject.class && type != RecordLine.class) {
                throw new ExtensionConfigurationException("@ProbeRecord parameter " + i + " of "
                        + method.getName() + " is a " + type.getSimpleName() + "; declare it as "
                        + BoundaryObject.class.getSimpleName() + " or " + RecordLine.class.getSimpleName());
            }
            if (probes == null) {
                probes = probes(context);
            }
            records.put(i, probes.runAssembled(wanted.value(), wanted.mode()));
        }
        if (!records.isEmpty()) {
            context.getStore(NAMESPACE).put(InjectedRecords.class, new InjectedRecords(method, records));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(ProbeRecord.class)
                || parameter.getParameter().getType() == FenceProbes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!parameter.isAnnotated(ProbeRecord.class)) {
            return probes(context);
        }
        InjectedRecords injected = context.getStore(NAMESPACE).get(InjectedRecords.class, InjectedRecords.class);
        if (injected == null || !injected.method().equals(parameter.getDeclaringExecutable())) {
            throw new ParameterResolutionException("@ProbeRecord works on test method parameters only; "
                    + parameter.getDeclaringExecutable().getName() + " is not the test method, take a FenceProbes"
                    + " parameter there instead");
        }
        RecordLine record = injected.byIndex().get(parameter.getIndex());
        return parameter.getParameter().getType() == RecordLine.class ? record : record.record();
    }

    private static FenceProbes probes(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        PolicySession session = classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(PolicySession.class, k -> open(classContext), PolicySession.class);
        return new FenceProbes(session, context);
    }

    private static PolicySession open(ExtensionContext classContext) {
        PolicySession session = PolicySession.open(PolicySettings.of(classContext));
        try {
            classContext.publishReportEntry(
                    Constants.NDJSON_ENTRY_KEY, session.ndjsonFile().toString());
        } catch (RuntimeException | Error e) {
            PolicySession.closeQuietly(session, e);
            throw e;
        }
        return session;
    }

    /** The nearest enclosing context of a test class (not of a method or an invocation of one). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
