package dev.codexfence.assertj;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.ObservedResult;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Policy checks over many records. A check with nothing to check fails instead of passing vacuously: a
 * policy test over an empty or mis-filtered run is a broken test, not a green one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunRecordsAssert extends AbstractAssert<RunRecordsAssert, RunRecords> {

    /** The {@code payload.raw} key of records the harness made for a run that broke the probe contract. */
    public static final String HARNESS_ERROR = "harness_error";

    private static final int LISTED = 20;

    RunRecordsAssert(RunRecords actual) {
        super(actual, RunRecordsAssert.class);
    }

    /** No record is a harness-made error record ({@code payload.raw.harness_error}): every probe run kept the contract. */
    public RunRecordsAssert allHonouredContract() {
        isNotNull();
        if (actual.isEmpty()) {
            fail("Expecting every probe run to have honoured the probe contract, but there are no records at all");
        }
        List<BoundaryObject> broken =
                actual.filter(r -> harnessError(r) != null).records();
        if (!broken.isEmpty()) {
            fail("Expecting every probe run to have honoured the probe contract, but " + broken.size() + " of "
                    + actual.size() + " records were made by the harness for a broken run:" + list(broken, true));
        }
        return myself;
    }

    /** No record whose primary capability is {@code capabilityId} has {@code observed_result} {@code success}. */
    public RunRecordsAssert noneSucceeded(String capabilityId) {
        isNotNull();
        RunRecords exercising = actual.forCapability(capabilityId);
        if (exercising.isEmpty()) {
            Set<String> seen = new TreeSet<>();
            actual.records()
                    .forEach(r -> seen.add(
                            String.valueOf(r.probe() == null ? null : r.probe().primaryCapabilityId())));
            fail("Expecting no record of " + capabilityId + " to be success, but no record has primary capability "
                    + capabilityId + " (" + actual.size() + " records; primary capabilities seen: " + seen + ")");
        }
        List<BoundaryObject> succeeded =
                exercising.filter(r -> is(r, ObservedResult.SUCCESS)).records();
        if (!succeeded.isEmpty()) {
            fail("Expecting no record of " + capabilityId + " to be success, but " + succeeded.size() + " of "
                    + exercising.size() + " were:" + list(succeeded, false));
        }
        return myself;
    }

    /**
     * Every record whose mode is not one of {@code modes} is {@code denied}, e.g.
     * {@code deniedEverywhereExcept("baseline", "codex-full")}.
     */
    public RunRecordsAssert deniedEverywhereExcept(String... modes) {
        isNotNull();
        Set<String> excepted = new LinkedHashSet<>(Arrays.asList(modes));
        RunRecords checked = actual.filter(r -> !excepted.contains(RecordDescription.mode(r)));
        if (checked.isEmpty()) {
            fail("Expecting every record outside modes " + excepted + " to be denied, but there is no record outside"
                    + " those modes (" + actual.size() + " records)");
        }
        List<BoundaryObject> notDenied =
                checked.filter(r -> !is(r, ObservedResult.DENIED)).records();
        if (!notDenied.isEmpty()) {
            fail("Expecting every record outside modes " + excepted + " to be denied, but " + notDenied.size() + " of "
                    + checked.size() + " were not:" + list(notDenied, false));
        }
        return myself;
    }

    private static boolean is(BoundaryObject r, ObservedResult expected) {
        return r.result() != null && r.result().observedResult() == expected;
    }

    private static String harnessError(BoundaryObject r) {
        Map<String, Object> raw = r.payload() == null ? null : r.payload().raw();
        if (raw == null || !raw.containsKey(HARNESS_ERROR)) {
            return null;
        }
        Object value = raw.get(HARNESS_ERROR);
        return value instanceof String s ? s : RecordJson.text(value);
    }

    private static String list(List<BoundaryObject> records, boolean withHarnessError) {
        StringBuilder sb = new StringBuilder();
        records.stream()
                .limit(LISTED)
                .forEach(r -> sb.append("\n  - ")
                        .append(withHarnessError ? "[" + harnessError(r) + "] " : "")
                        .append(RecordDescription.oneLine(r)));
        if (records.size() > LISTED) {
            sb.append("\n  … and ").append(records.size() - LISTED).append(" more");
        }
        return sb.toString();
    }

    private void fail(String message) {
        throwAssertionError(new LiteralMessage("\n" + message));
    }
}
