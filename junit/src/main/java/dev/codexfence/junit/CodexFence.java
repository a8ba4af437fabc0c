package dev.codexfence.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a Jupiter test class a fence policy test: its test methods get probe records through
 * {@link ProbeRecord @ProbeRecord} parameters or a {@link FenceProbes} parameter. The probes run through the
 * engine's own runner in one run session per test class (docs/policy-tests.md).
 *
 * <p>An attribute left at its default falls back to the engine's configuration key (read from
 * {@code junit-platform.properties}, Surefire's {@code configurationParameters} or {@code -D}), then to the
 * engine's default.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CodexFenceExtension.class)
@API(status = STABLE, since = "0.1")
public @interface CodexFence {

    /**
     * The probe root folder (relative paths start at the working directory). Default: key
     * {@code codex-fence.probes.root}, else {@code probes} under the {@code fence.root} system property, else
     * {@code ./probes}, else {@code .}.
     */
    String probes() default "";

    /** The capability catalog file. Default: key {@code codex-fence.catalog}, else the catalog in the engine jar. */
    String catalog() default "";

    /** The codex CLI. Default: key {@code codex-fence.codex.path}, else {@code codex} on PATH, else {@code .tools/codex}. */
    String codex() default "";

    /** Per probe run, in seconds; the process tree is killed after it. Default: key {@code codex-fence.timeout.seconds}, else 30. */
    double timeoutSeconds() default 0;

    /**
     * Whether each probe × mode runs once per test class and every test asking for it gets that record
     * (default), or runs again for every test that asks for it.
     */
    boolean shared() default true;
}
