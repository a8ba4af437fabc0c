package dev.codexfence.junit;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.engine.internal.mode.ModeCatalog;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects the record of one probe run into a test method parameter of type
 * {@link dev.codexfence.record.BoundaryObject} or {@link dev.codexfence.record.RecordLine}:
 * <pre>{@code
 * @Test
 * void noHomeWrites(@ProbeRecord(value = "fs_write_home_scratch", mode = "codex-sandbox") BoundaryObject r) {
 *     assertThat(r).isDenied();
 * }
 * }</pre>
 * The probe runs before the test method (and before {@code @BeforeEach} methods). A mode that cannot run here
 * or a probe for another platform aborts the test; an unknown probe or one that broke the probe contract fails
 * it. For a mode chosen at run time (a {@code @ParameterizedTest} over modes) take a {@link FenceProbes}
 * parameter instead.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE, since = "0.1")
public @interface ProbeRecord {

    /** The probe id: the probe's file name without {@code .sh}. */
    String value();

    /** The run mode: {@code codex-sandbox} (default), {@code baseline}, {@code codex-full}, {@code codex-read-only}, {@code codex-workspace-net}. */
    String mode() default ModeCatalog.CODEX_SANDBOX;
}
