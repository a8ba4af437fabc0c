package dev.codexfence.engine.internal.run;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.process.ProcessRunner;
import dev.codexfence.record.BoundaryObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gathers the {@code stack} facts once per run (and per codex release of a run over several), outside the fence,
 * with the {@code detect-stack} helper: the record's {@code stack} section before the mode's own fields are set
 * ({@link RunStack#stackFor}), whose {@link dev.codexfence.engine.internal.stack.StackIdentity identity} tells the run's records
 * apart from other runs'.
 */
final class StackFacts {

    private StackFacts() {}

    /**
     * @param npmVersion the npm version of the codex release, for {@code codex_npm_version}; null when the run did
     *     not select codex by version
     * @throws IOException when {@code detect-stack} fails or prints anything but a cfbo-v1 stack section
     */
    static BoundaryObject.Stack gather(
            ProcessRunner runner,
            Path bin,
            Path codex,
            String npmVersion,
            Map<String, String> env,
            java.util.function.BooleanSupplier cancelled)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of(bin.resolve("detect-stack").toString()));
        if (codex != null) {
            argv.add("--codex");
            argv.add(codex.toString());
        } else {
            argv.add("--no-codex");
        }
        ProcessRunner.Outcome o = runner.run(
                new ProcessRunner.Spec(argv, null, env, Duration.ofSeconds(30), 1 << 16, 1 << 16, cancelled));
        String out = RunSession.text(o.stdout()).strip();
        if (o.exitCode() != 0) {
            throw new IOException("detect-stack failed (exit " + o.exitCode() + "): "
                    + RunSession.text(o.stderr()).strip());
        }
        ObjectNode object;
        try {
            JsonNode node = FenceJson.MAPPER.readTree(out);
            if (!(node instanceof ObjectNode parsed)) {
                throw new IOException("detect-stack printed no JSON object: " + out);
            }
            object = parsed;
        } catch (JacksonException e) {
            throw new IOException("detect-stack printed no JSON object: " + out, e);
        }
        BoundaryObject.Stack facts;
        try {
            facts = RecordJson.stack(object);
        } catch (JacksonException e) {
            throw new IOException(
                    "detect-stack printed no cfbo-v1 stack section: " + e.getOriginalMessage() + " in: " + out, e);
        }
        // every key of the section, each of its type, no other (the npm version is the harness's to add)
        if (facts.codexNpmVersion() != null || !RecordJson.tree(facts).equals(object)) {
            throw new IOException("detect-stack printed no cfbo-v1 stack section (expected exactly "
                    + RecordJson.tree(facts).propertyNames() + " without codex_npm_version): " + out);
        }
        return new BoundaryObject.Stack(
                facts.codexCliVersion(),
                npmVersion,
                facts.codexProfile(),
                facts.sandboxMode(),
                facts.os(),
                facts.platform(),
                facts.uid(),
                facts.isRoot(),
                facts.sandboxInterface());
    }
}
