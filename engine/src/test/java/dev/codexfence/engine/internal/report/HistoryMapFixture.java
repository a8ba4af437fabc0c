package dev.codexfence.engine.internal.report;

import dev.codexfence.engine.internal.expect.Expectations;
import dev.codexfence.engine.internal.expect.ExpectedOutcome;
import dev.codexfence.engine.internal.history.RecordedShards;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.RecordLine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded shards of four releases ({@link RecordedShards}) on the map, with expectations for 0.80.0 only,
 * one of which the records contradict (so drift is per release).
 */
final class HistoryMapFixture {

    static final Expectations EXPECTED_080 = new Expectations(
            "expectations/linux-codex-0.80.0.json",
            "linux",
            new Release("0.80.0"),
            "sandbox-os",
            Map.of(
                    "fs_write_home_scratch",
                    Map.of(
                            "codex-sandbox", ExpectedOutcome.parse("denied EROFS"),
                            "baseline", ExpectedOutcome.parse("success"))));

    private HistoryMapFixture() {}

    static FenceMapReport report() {
        return new FenceMapReport(
                MapFixture.CATALOG, stack -> EXPECTED_080.covers(stack) ? Optional.of(EXPECTED_080) : Optional.empty());
    }

    static FenceMap map() {
        List<RecordLine> lines = RecordedShards.lines();
        return report().map(
                        RecordedShards.files().stream()
                                .map(p -> p.getFileName().toString())
                                .toList(),
                        lines);
    }
}
