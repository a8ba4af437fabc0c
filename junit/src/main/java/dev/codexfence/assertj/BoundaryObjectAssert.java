package dev.codexfence.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Fluent checks on one cfbo-v1 record. Every failure names the probe and mode and quotes the command, the
 * observed result, errno, message and output snippets, so a red policy test says what the fence did.
 */
@API(status = STABLE, since = "0.1")
public final class BoundaryObjectAssert extends AbstractAssert<BoundaryObjectAssert, BoundaryObject> {

    /** The {@code payload.raw} key where host-side effect checks put what they found outside the fence. */
    public static final String HOST_EFFECT = "host_effect";

    BoundaryObjectAssert(BoundaryObject actual) {
        super(actual, BoundaryObjectAssert.class);
    }

    /** The operation was allowed and done ({@code observed_result} {@code success}). */
    public BoundaryObjectAssert isSuccess() {
        return hasObservedResult(ObservedResult.SUCCESS);
    }

    /** The fence refused the operation ({@code observed_result} {@code denied}). */
    public BoundaryObjectAssert isDenied() {
        return hasObservedResult(ObservedResult.DENIED);
    }

    /** A sub-step passed and another failed ({@code observed_result} {@code partial}). */
    public BoundaryObjectAssert isPartial() {
        return hasObservedResult(ObservedResult.PARTIAL);
    }

    /** The probe could not ask its question ({@code observed_result} {@code error}). */
    public BoundaryObjectAssert isError() {
        return hasObservedResult(ObservedResult.ERROR);
    }

    public BoundaryObjectAssert hasObservedResult(ObservedResult expected) {
        Objects.requireNonNull(expected, "expected observed result");
        isNotNull();
        String observed = RecordDescription.observed(actual);
        if (!expected.id().equals(observed)) {
            fail("to be " + expected.id(), "it was " + observed);
        }
        return myself;
    }

    /** {@code result.errno} is exactly this errno name (e.g. {@code EROFS}). */
    public BoundaryObjectAssert hasErrno(String expected) {
        Objects.requireNonNull(expected, "expected errno");
        isNotNull();
        String errno = errno();
        if (!expected.equals(errno)) {
            fail("to have errno " + expected, "its errno was " + RecordDescription.errno(actual));
        }
        return myself;
    }

    /** {@code result.errno} is one of these errno names. */
    public BoundaryObjectAssert hasErrnoIn(String... expected) {
        if (expected == null || expected.length == 0) {
            throw new IllegalArgumentException("hasErrnoIn needs at least one errno name");
        }
        isNotNull();
        List<String> allowed = Arrays.asList(expected);
        String errno = errno();
        if (!allowed.contains(errno)) {
            fail("to have an errno in " + allowed, "its errno was " + RecordDescription.errno(actual));
        }
        return myself;
    }

    /** {@code run.mode} is this mode ({@code baseline}, {@code codex-sandbox}, …). */
    public BoundaryObjectAssert ranInMode(String mode) {
        Objects.requireNonNull(mode, "expected mode");
        isNotNull();
        String actualMode = actual.run() == null ? null : actual.run().mode();
        if (!mode.equals(actualMode)) {
            fail("to have run in mode " + mode, "it ran in mode " + RecordDescription.mode(actual));
        }
        return myself;
    }

    /** The probe exercises this capability, as its primary or as a secondary capability. */
    public BoundaryObjectAssert exercises(String capabilityId) {
        Objects.requireNonNull(capabilityId, "expected capability id");
        isNotNull();
        BoundaryObject.Probe probe = actual.probe();
        String primary = probe == null ? null : probe.primaryCapabilityId();
        List<String> secondary =
                probe == null || probe.secondaryCapabilityIds() == null ? List.of() : probe.secondaryCapabilityIds();
        if (!capabilityId.equals(primary) && !secondary.contains(capabilityId)) {
            fail(
                    "to exercise " + capabilityId,
                    "it exercises " + primary + " (primary)"
                            + (secondary.isEmpty() ? " only" : " and " + secondary + " (secondary)"));
        }
        return myself;
    }

    /**
     * {@code payload.raw.KEY} reads {@code expected}: a JSON string by its text, any other JSON value by its
     * JSON text ({@code 42}, {@code true}, {@code null}, {@code ["a"]}).
     */
    public BoundaryObjectAssert hasPayloadRaw(String key, String expected) {
        Objects.requireNonNull(key, "payload.raw key");
        isNotNull();
        Object value = rawValue(key, "to have payload.raw." + key + " " + quote(expected));
        String text = value instanceof String s ? s : RecordJson.text(value);
        if (!Objects.equals(text, expected)) {
            fail("to have payload.raw." + key + " " + quote(expected), "it was " + RecordJson.text(value));
        }
        return myself;
    }

    /**
     * {@code payload.raw.KEY} equals this JSON value, given as the record holds such values (see
     * {@link BoundaryObject}): a {@code String}, {@code Boolean}, {@code Number}, {@code List}, {@code Map}, or
     * {@code null} for JSON null. Whole numbers compare by value whatever their Java type ({@code 2} and {@code 2L}
     * are equal); a whole number never equals a fraction ({@code 2} is not {@code 2.0}, as in JSON text).
     *
     * @throws IllegalArgumentException when {@code expected} is not a JSON value
     */
    public BoundaryObjectAssert hasPayloadRaw(String key, Object expected) {
        Objects.requireNonNull(key, "payload.raw key");
        Object wanted = asRecordValue(key, expected);
        isNotNull();
        Object value = rawValue(key, "to have payload.raw." + key + " " + RecordJson.text(wanted));
        if (!Objects.equals(wanted, value)) {
            fail("to have payload.raw." + key + " " + RecordJson.text(wanted), "it was " + RecordJson.text(value));
        }
        return myself;
    }

    /**
     * {@code payload.raw.host_effect}, what the harness found outside the fence after the probe ran, reads
     * {@code expected} (compared like {@link #hasPayloadRaw(String, String)}). Fails with "no host_effect
     * recorded" when the record carries none, which is the case for runs without host-side effect checks.
     */
    public BoundaryObjectAssert hasHostEffect(String expected) {
        isNotNull();
        Map<String, Object> raw =
                actual.payload() == null ? null : actual.payload().raw();
        if (raw == null || !raw.containsKey(HOST_EFFECT)) {
            fail(
                    "to have host_effect " + quote(expected),
                    "no host_effect recorded (payload.raw has no \"" + HOST_EFFECT
                            + "\"; host-side effect checks did not run for this record)");
        }
        return hasPayloadRaw(HOST_EFFECT, expected);
    }

    private Object rawValue(String key, String expectation) {
        Map<String, Object> raw =
                actual.payload() == null ? null : actual.payload().raw();
        if (raw == null || !raw.containsKey(key)) {
            List<String> keys = raw == null ? List.of() : new ArrayList<>(raw.keySet());
            fail(expectation, "payload.raw has no \"" + key + "\" (its keys: " + keys + ")");
        }
        return raw.get(key);
    }

    /** {@code value} as a record holds it: the model's own copy, so that {@code 2L} compares equal to a read {@code 2}. */
    private static Object asRecordValue(String key, Object value) {
        Map<String, Object> one = new HashMap<>();
        one.put(key, value);
        return new BoundaryObject.Payload(null, null, one).raw().get(key);
    }

    private String errno() {
        return actual.result() == null ? null : actual.result().errno();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private void fail(String expectation, String but) {
        String message = "\nExpecting " + RecordDescription.title(actual) + " " + expectation + ",\nbut " + but + "."
                + RecordDescription.block(actual);
        throwAssertionError(new LiteralMessage(message));
    }
}
