package dev.codexfence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexfence.engine.internal.json.FenceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Hostile*Test classes share: the hostile fixture trees (src/test/fixtures/hostile/TOPIC), the codex CLI
 * when installed, and the records of a run, normalised for comparing two runs.
 */
final class HostileRuns {

    static final String WORKSPACE = "<workspace>";
    static final String RUN = "<run>";

    private HostileRuns() {}

    static Path fixture(String topic) {
        return CliProcess.fixture("hostile/" + topic);
    }

    /** The project-local codex CLI, if installed. */
    static Optional<Path> codex() {
        Path codex = CliProcess.repositoryRoot().resolve(".tools/codex/node_modules/.bin/codex");
        return Files.isExecutable(codex) ? Optional.of(codex) : Optional.empty();
    }

    /** Aborts the test where codex is not installed (fails instead under CI=true, where it must be). */
    static Path requireCodex() {
        Optional<Path> codex = codex();
        if (codex.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but no codex CLI in .tools/codex (bin/install-codex)");
        }
        assumeTrue(codex.isPresent(), "no project-local codex CLI in .tools/codex (bin/install-codex)");
        return codex.get();
    }

    /** The modes a hostile run covers here: baseline, and codex-sandbox where codex is installed. */
    static String modes() {
        return codex().isPresent() ? "baseline,codex-sandbox" : "baseline";
    }

    /** {@link #modes()} and, where codex is installed, codex-read-only too. */
    static String modesWithReadOnly() {
        return codex().isPresent() ? modes() + ",codex-read-only" : modes();
    }

    /** The run's records (stdout), parsed. */
    static List<JsonNode> records(CliProcess.Result r) {
        return r.lines().stream().map(FenceJson.MAPPER::readTree).toList();
    }

    /** The one record of {@code probe} in {@code mode}; aborts for codex-sandbox when codex could not run it. */
    static JsonNode record(CliProcess.Result r, String probe, String mode) {
        List<JsonNode> found = records(r).stream()
                .filter(n -> n.at("/probe/id").asString().equals(probe)
                        && n.at("/run/mode").asString().equals(mode))
                .toList();
        if (found.isEmpty() && !mode.equals("baseline")) {
            requireCodex();
            assumeTrue("true".equals(System.getenv("CI")), mode + " did not run here:\n" + r.stderr());
        }
        assertThat(found).as("the record of %s [%s] in\n%s", probe, mode, r).hasSize(1);
        return found.get(0);
    }

    /**
     * The record as compact JSON with its volatile parts replaced: the workspace path and the run's scratch folder
     * (its parent), wherever they appear. Everything else must be byte-identical between two honest runs.
     */
    static String normalised(JsonNode record) {
        String ws = record.at("/run/workspace_root").asString();
        String run = Path.of(ws).getParent().toString();
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        String json = FenceJson.MAPPER.writeValueAsString(copy);
        return json.replace(ws, WORKSPACE).replace(run, RUN);
    }
}
