package dev.codexfence.run;

import dev.codexfence.process.ProcessRunner;
import dev.codexfence.schema.FenceJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Gathers the {@code stack} facts once per run, outside the fence, with the {@code detect-stack} helper. */
final class StackFacts {

    private StackFacts() {}

    static ObjectNode gather(ProcessRunner runner, Path bin, Path codex, Map<String, String> env,
            java.util.function.BooleanSupplier cancelled) throws IOException {
        List<String> argv = new ArrayList<>(List.of(bin.resolve("detect-stack").toString()));
        if (codex != null) {
            argv.add("--codex");
            argv.add(codex.toString());
        } else {
            argv.add("--no-codex");
        }
        ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(argv, null, env, Duration.ofSeconds(30),
                1 << 16, 1 << 16, cancelled));
        String out = RunSession.text(o.stdout()).strip();
        if (o.exitCode() != 0) {
            throw new IOException("detect-stack failed (exit " + o.exitCode() + "): " + RunSession.text(o.stderr()).strip());
        }
        try {
            JsonNode node = FenceJson.MAPPER.readTree(out);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw new IOException("detect-stack printed no JSON object: " + out, e);
        }
        throw new IOException("detect-stack printed no JSON object: " + out);
    }
}
