package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.record.ContractViolation;
import dev.codexfence.engine.internal.record.RecordAssembler;
import dev.codexfence.record.RecordLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies from outside the fence what a probe says it did (probes/README.md, "Host-side effects"). A write
 * can succeed inside a sandbox without reaching the host (a private /dev/shm, a read-only tmpfs mask over
 * .codex), so after the probe exits the harness looks at the declared target itself:
 * <ul>
 *   <li>{@code payload.raw.host_effect_path}: the one scratch entry the probe created. It must be a normalised
 *       absolute path, named {@code .codex-fence-<probe id>-…}, directly in one of the {@link ScratchRoots} or
 *       below the workspace, reached without symlinks, not a folder, and changed since the run started
 *       ({@link ScratchEntry}). The verdict is {@code present} or {@code absent}; a present entry is unlinked.</li>
 *   <li>{@code payload.raw.host_effect_pid}: the harness's own outside process ({@code $FENCE_OUTSIDE_PID}),
 *       which the probe signalled or traced; the verdict is {@code alive} or {@code gone}.</li>
 * </ul>
 * The verdict lands in {@code payload.raw.host_effect}, which only the harness writes. A {@code success} whose
 * file is absent on the host becomes {@code partial}: the write was contained. A delete declares
 * {@code host_effect_expect=absent}: then a success whose file is still present becomes {@code partial}. Any
 * declaration that breaks a rule fails the run as a contract violation naming the rule, and the harness leaves
 * the declared path untouched.
 *
 * <p>One instance watches one probe run: {@link #watch} is called before the probe starts (it fixes the roots
 * and the clock mark), {@link #apply} after it exited.
 */
final class HostEffects {

    static final String PATH_KEY = "host_effect_path";
    static final String PID_KEY = "host_effect_pid";
    static final String VERDICT_KEY = "host_effect";
    /** {@code absent} for a probe whose operation removes the declared path (a delete); default {@code present}. */
    static final String EXPECT_KEY = "host_effect_expect";

    private final String probeId;
    private final ScratchRoots roots;
    private final FileTime mark;
    private final long outsidePid;

    private HostEffects(String probeId, ScratchRoots roots, FileTime mark, long outsidePid) {
        this.probeId = probeId;
        this.roots = roots;
        this.mark = mark;
        this.outsidePid = outsidePid;
    }

    /**
     * Fixes what the check after the run compares with, just before the probe starts: the scratch roots as
     * they are now, and a clock mark. The mark is the workspace folder's ctime right after the harness touched
     * its mtime: the file-timestamp clock of the kernel (which may lag the wall clock by a tick), so that an
     * entry made after this moment never looks older than the mark.
     *
     * @param probeEnv the environment the probe gets ({@code HOME}, {@code TMPDIR})
     * @param outsideDir the fixtures' outside folder, or null
     * @param outsidePid the fixtures' sacrificial process
     */
    static HostEffects watch(
            String probeId, Path workspace, Map<String, String> probeEnv, Path outsideDir, long outsidePid)
            throws IOException {
        ScratchRoots roots = ScratchRoots.resolve(workspace, probeEnv, outsideDir);
        Files.getFileAttributeView(workspace, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(Instant.now()), null, null);
        return new HostEffects(probeId, roots, ScratchEntry.ctime(workspace), outsidePid);
    }

    FileTime mark() {
        return mark;
    }

    /** The record with the verdict applied, re-validated; the record itself when the probe declared nothing. */
    RecordLine apply(RecordLine record, RecordAssembler assembler, RecordAssembler.Expectation expected)
            throws ContractViolation {
        ObjectNode json = RecordJson.tree(record);
        ObjectNode raw = json.path("payload").path("raw") instanceof ObjectNode r ? r.deepCopy() : null;
        if (raw == null) {
            return record;
        }
        if (raw.has(VERDICT_KEY)) {
            throw new ContractViolation("the probe wrote payload.raw." + VERDICT_KEY + " itself (rule: the verdict"
                    + " is written by the harness only; a probe declares " + PATH_KEY + " or " + PID_KEY + ")");
        }
        boolean hasPath = raw.has(PATH_KEY);
        boolean hasPid = raw.has(PID_KEY);
        if (hasPath && hasPid) {
            throw new ContractViolation("the record declares both " + PATH_KEY + " and " + PID_KEY
                    + " (rule: at most one host effect per record)");
        }
        String expect = raw.has(EXPECT_KEY) ? raw.get(EXPECT_KEY).asString("") : "present";
        if (!expect.equals("present") && !expect.equals("absent")) {
            throw new ContractViolation(
                    "payload.raw." + EXPECT_KEY + " is \"" + expect + "\" (rule: present or absent)");
        }
        if (raw.has(EXPECT_KEY) && !hasPath) {
            throw new ContractViolation(
                    "payload.raw." + EXPECT_KEY + " without " + PATH_KEY + " (rule: it qualifies a declared path)");
        }
        if (!hasPath && !hasPid) {
            return record;
        }
        ObjectNode newRaw = (ObjectNode) json.path("payload").path("raw");
        ObjectNode result = (ObjectNode) json.path("result");
        if (hasPath) {
            JsonNode declared = raw.get(PATH_KEY);
            if (!declared.isString() || declared.asString().isBlank()) {
                throw new ContractViolation("payload.raw." + PATH_KEY + " must be a path");
            }
            ScratchRoots.Placement placement = roots.place(declared.asString(), probeId);
            boolean present = ScratchEntry.checkAndRemove(placement, mark) == ScratchEntry.Verdict.PRESENT;
            newRaw.put(VERDICT_KEY, present ? "present" : "absent");
            boolean wantPresent = expect.equals("present");
            if (present != wantPresent
                    && "success".equals(result.path("observed_result").asString())) {
                String what = wantPresent
                        ? declared.asString() + " is absent on the host: the write was contained"
                        : declared.asString() + " is still present on the host: the delete was contained";
                String message = result.path("message").asString("");
                result.put("observed_result", "partial");
                result.put(
                        "message",
                        message.isEmpty()
                                ? "the operation succeeded inside the fence but " + what
                                : message + " — but " + what);
            }
        } else {
            JsonNode declared = raw.get(PID_KEY);
            long pid = declared.isIntegralNumber()
                    ? declared.asLong()
                    : parse(declared.isString() ? declared.asString() : "");
            if (pid != outsidePid) {
                throw new ContractViolation("payload.raw." + PID_KEY + " is " + declared + ", not $FENCE_OUTSIDE_PID ("
                        + outsidePid + ") (rule: the only process a probe may declare is the harness's own outside"
                        + " process)");
            }
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            newRaw.put(VERDICT_KEY, alive ? "alive" : "gone");
        }
        return assembler.complete(stripCompletion(json), expected);
    }

    /** The completed record back as an observation the assembler accepts again. */
    private static ObjectNode stripCompletion(ObjectNode json) {
        json.putNull("capabilities_schema_version");
        json.putNull("capability_context");
        return json;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
