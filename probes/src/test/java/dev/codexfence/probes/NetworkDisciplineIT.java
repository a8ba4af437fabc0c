package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both corpus runs (baseline, codex-sandbox and codex-full when the codex CLI is installed) ran in the Surefire
 * fork, which src/test/fenced-jvm/bin/java started inside a network namespace of its own: loopback, plus a veth pair
 * whose both ends stay in the namespace, carrying the default routes (IPv4 192.0.2.0/24 and IPv6 2001:db8::/64,
 * documentation ranges that are never routed). Whatever a probe, codex, the harness or the JVM sent to a
 * non-loopback address went out of {@code fence0} and was counted there, and went nowhere else. This check fails
 * when the counter moved, naming the neighbour entries (the destinations the kernel tried to reach).
 */
class NetworkDisciplineIT {

    private static final Pattern COUNTER = Pattern.compile("^(tx-before|tx-after)=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern NEIGHBOUR = Pattern.compile("^neigh: (.+)$", Pattern.MULTILINE);

    @Test
    void noPacketLeftLoopbackDuringBothCorpusRuns() throws IOException {
        Path file = CorpusRuns.evidence().resolve("netns.txt");
        assertThat(file)
                .as("the fork's network evidence (src/test/fenced-jvm/bin/java)")
                .exists();
        String evidence = Files.readString(file, StandardCharsets.UTF_8);
        if (evidence.startsWith("status=unavailable")) {
            String why = "the corpus did not run in a network namespace: " + evidence.strip();
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + " (.ci/run must install iproute2 and run as a user who may unshare --net)");
            }
            Assumptions.abort(why);
        }
        assertThat(evidence).startsWith("status=counted");
        Map<String, Long> counters = new HashMap<>();
        Matcher m = COUNTER.matcher(evidence);
        while (m.find()) {
            counters.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(counters).as("counters in %s:%n%s", file, evidence).containsKeys("tx-before", "tx-after");
        // the runs happened in that fork: both left their records (read through CorpusRuns)
        assertThat(CorpusRuns.allRecords())
                .as("records of the runs the counter covers")
                .hasSizeGreaterThan(300);
        List<String> neighbours = new ArrayList<>();
        Matcher n = NEIGHBOUR.matcher(evidence);
        while (n.find()) {
            neighbours.add(n.group(1));
        }
        assertThat(counters.get("tx-after") - counters.get("tx-before"))
                .as("packets sent to non-loopback addresses while the corpus ran; destinations tried: %s", neighbours)
                .isZero();
    }
}
