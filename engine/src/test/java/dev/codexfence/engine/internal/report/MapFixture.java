package dev.codexfence.engine.internal.report;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.expect.Expectations;
import dev.codexfence.engine.internal.expect.ExpectedOutcome;
import dev.codexfence.engine.internal.expect.TestRecords;
import dev.codexfence.engine.internal.ndjson.RecordJson;
import dev.codexfence.engine.internal.stack.Release;
import dev.codexfence.record.BoundaryObject;
import dev.codexfence.record.RecordLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small run laid out on the map: a drift, a mixed cell, a hostile message, a capability outside the catalog;
 * the bundled catalog supplies uncovered and not-applicable rows.
 */
final class MapFixture {

    static final CapabilityCatalog CATALOG = new CatalogLoader().loadBundled();
    static final String HOSTILE =
            "</script><script>document.documentElement.setAttribute('data-pwned','1')</script> & \"quotes\"";

    static final Expectations EXPECTED = new Expectations(
            "expectations/linux-codex-0.169.0.json",
            "linux",
            new Release("0.169.0"),
            "sandbox-profile",
            Map.of(
                    "fs_write_home_scratch",
                    Map.of(
                            "baseline", ExpectedOutcome.parse("success"),
                            "codex-sandbox", ExpectedOutcome.parse("denied EROFS"),
                            "codex-full", ExpectedOutcome.parse("denied EROFS"))));

    private MapFixture() {}

    static List<BoundaryObject> records() {
        return List.of(
                rec(
                        "fs_write_home_scratch",
                        "cap_fs_write_user_home",
                        "baseline",
                        "success",
                        null,
                        "wrote under $HOME"),
                rec(
                        "fs_write_home_scratch",
                        "cap_fs_write_user_home",
                        "codex-sandbox",
                        "denied",
                        "EROFS",
                        "write under $HOME refused"),
                rec(
                        "fs_write_home_scratch",
                        "cap_fs_write_user_home",
                        "codex-full",
                        "success",
                        null,
                        "wrote under $HOME"),
                rec("fs_read_workspace_file", "cap_fs_read_workspace_tree", "baseline", "success", null, "read"),
                rec("fs_read_workspace_file", "cap_fs_read_workspace_tree", "codex-sandbox", "success", null, "read"),
                rec(
                        "fs_list_workspace_tree",
                        "cap_fs_read_workspace_tree",
                        "codex-sandbox",
                        "denied",
                        "EPERM",
                        "listing refused"),
                rec("fs_evil", "cap_fs_read_system_roots", "baseline", "error", "ENOENT", HOSTILE),
                rec("zz_future", "cap_future_thing", "codex-full", "partial", null, "half"));
    }

    static BoundaryObject rec(String probe, String cap, String mode, String result, String errno, String message) {
        ObjectNode json = TestRecords.json(probe, cap, mode, result, errno, message);
        return TestRecords.record(json);
    }

    static FenceMap map() {
        return new FenceMapBuilder(CATALOG, stack -> EXPECTED.covers(stack) ? Optional.of(EXPECTED) : Optional.empty())
                .build(List.of("run.ndjson"), lines(records()));
    }

    /** The records as lines of one input, numbered from 1. */
    static List<RecordLine> lines(List<BoundaryObject> records) {
        List<RecordLine> lines = new ArrayList<>();
        records.forEach(r -> lines.add(RecordJson.lineOf(r, "run.ndjson", lines.size() + 1)));
        return lines;
    }
}
