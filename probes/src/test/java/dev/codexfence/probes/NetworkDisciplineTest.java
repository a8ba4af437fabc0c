package dev.codexfence.probes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.record.RecordAssembler;
import dev.codexfence.schema.FenceJson;
import dev.codexfence.schema.SchemaValidator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the corpus through the CLI (baseline, and codex-sandbox when the codex CLI is installed) inside a network
 * namespace this test creates ({@code unshare --net}): loopback, plus a veth pair whose both ends stay in the
 * namespace, carrying a default route (IPv4 192.0.2.0/24 and IPv6 2001:db8::/64, documentation ranges that are
 * never routed). Whatever a probe (or codex, or the harness) sends to a non-loopback address goes out of
 * {@code fence0} and is counted there, and goes nowhere else: the namespace has no way out. The test fails when
 * the counter moved, naming the neighbour entries (the destinations the kernel tried to reach).
 */
class NetworkDisciplineTest {

    /**
     * Probes left out of the run, with the reason; each one is a known violation to fix in the probe, not an
     * exemption to keep.
     */
    private static final Map<String, String> KNOWN_OFF_HOST = Map.of();

    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Pattern COUNTER = Pattern.compile("^(tx-before|tx-after|cli-exit)=(\\d+)$", Pattern.MULTILINE);
    private static final Pattern NEIGHBOUR = Pattern.compile("^neigh: (.+)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void noProbeSendsAPacketBeyondLoopback() throws Exception {
        requireTools();
        Optional<Path> codex = CorpusRuns.codex();
        if (codex.isEmpty() && CI) {
            Assertions.fail("CI must install the codex CLI (bin/install-codex)");
        }
        List<String> modes = codex.isPresent() ? List.of("baseline", "codex-sandbox", "codex-full") : List.of("baseline");
        List<String> probes = CorpusRuns.PROBES.stream().map(p -> p.id())
                .filter(id -> !KNOWN_OFF_HOST.containsKey(id)).sorted().toList();
        assertThat(probes).as("the corpus").hasSizeGreaterThan(50);

        List<String> cli = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "dev.codexfence.cli.Main", "--rattle", "--probes",
                Path.of("").toAbsolutePath().toString(), "--probe", String.join(",", probes), "--mode",
                String.join(",", modes), "--parallel", "4", "--output", tmp.resolve("out").toString(),
                "-c", "codex-fence.coverage.missing=skip", "-c", "codex-fence.expectations.enabled=false"));
        codex.ifPresent(c -> cli.addAll(List.of("--codex", c.toAbsolutePath().toString())));
        Path records = tmp.resolve("records.ndjson");
        Path cliErr = tmp.resolve("cli-stderr.txt");
        Path script = tmp.resolve("netns.sh");
        Files.writeString(script, namespaceScript(cli, records, cliErr), StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder(onPath("unshare").orElseThrow().toString(), "--net", "--", "bash",
                script.toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("MODES") || k.startsWith("CODEX_FENCE_") || k.startsWith("FENCE_")
                || k.equals("JAVA_TOOL_OPTIONS"));
        Process p = pb.start();
        p.getOutputStream().close();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Assertions.fail("the run in the network namespace did not finish within 5 minutes:\n" + report);
        }
        assertThat(p.exitValue()).as("the namespace script:\n%s", report).isZero();
        Map<String, Long> counters = counters(report);
        String cliStderr = Files.readString(cliErr, StandardCharsets.UTF_8);

        // the run happened: one schema-valid record per probe × mode
        List<JsonNode> lines = Files.readAllLines(records, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(FenceJson.MAPPER::readTree).toList();
        SchemaValidator schema = RecordAssembler.bundledSchema();
        assertThat(lines).allSatisfy(r -> assertThat(schema.validate(r)).as(r.toString()).isEmpty());
        List<String> expected = probes.stream().flatMap(id -> modes.stream().map(m -> id + " [" + m + "]")).sorted().toList();
        assertThat(lines.stream().map(r -> r.at("/probe/id").asString() + " [" + r.at("/run/mode").asString() + "]")
                .sorted().toList()).as("records of the run; CLI stderr:\n%s", cliStderr).isEqualTo(expected);

        // and nothing left loopback
        List<String> neighbours = new ArrayList<>();
        Matcher m = NEIGHBOUR.matcher(report);
        while (m.find()) {
            neighbours.add(m.group(1));
        }
        assertThat(counters.get("tx-after") - counters.get("tx-before"))
                .as("packets sent to non-loopback addresses during the run; destinations tried: %s%nCLI stderr:%n%s",
                        neighbours, cliStderr)
                .isZero();
    }

    /**
     * Sets up the namespace, waits for the interface's own start-up traffic (IPv6 MLD reports) to end, then runs
     * the CLI and prints the counters and the neighbour table.
     */
    private static String namespaceScript(List<String> cli, Path records, Path cliErr) {
        StringBuilder command = new StringBuilder();
        for (String arg : cli) {
            command.append('\'').append(arg.replace("'", "'\\''")).append("' ");
        }
        return """
                set -euo pipefail
                export PATH="$PATH:/usr/sbin:/sbin"
                ip link set lo up
                ip link add fence0 type veth peer name fence1
                # no IPv6 on fence1; on fence0 no link-local address, no DAD, no router solicitation: the
                # interface's own start-up traffic stays small and ends before the run starts
                sysctl -qw net.ipv6.conf.fence1.disable_ipv6=1 2>/dev/null || true
                sysctl -qw net.ipv6.conf.fence0.addr_gen_mode=1 net.ipv6.conf.fence0.dad_transmits=0 \
                  net.ipv6.conf.fence0.router_solicitations=0 net.ipv6.conf.fence0.accept_ra=0 2>/dev/null || true
                ip link set fence1 up
                ip addr add 192.0.2.1/24 dev fence0
                ip link set fence0 up
                ip route add default dev fence0
                ip -6 addr add 2001:db8::1/64 dev fence0 nodad 2>/dev/null || true
                ip -6 route add default dev fence0 2>/dev/null || true
                # /sys shows the parent namespace's devices; /proc/net/dev is this namespace's
                tx() { awk '{ sub(":", " ") } $1 == "fence0" { print $11 }' /proc/net/dev; }
                last=$(tx); stable=0
                for _ in $(seq 1 40); do
                  sleep 0.25; now=$(tx)
                  if [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; last=$now; fi
                  [ "$stable" -ge 8 ] && break
                done
                echo "tx-before=$(tx)"
                rc=0
                %s > '%s' 2> '%s' < /dev/null || rc=$?
                echo "cli-exit=$rc"
                echo "tx-after=$(tx)"
                ip neigh show dev fence0 | sed 's/^/neigh: /'
                ip -6 neigh show dev fence0 | sed 's/^/neigh: /'
                """.formatted(command, records, cliErr);
    }

    private static Map<String, Long> counters(String report) {
        Map<String, Long> found = new java.util.HashMap<>();
        Matcher m = COUNTER.matcher(report);
        while (m.find()) {
            found.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(found).as("counters printed by the namespace script:\n%s", report)
                .containsKeys("tx-before", "tx-after", "cli-exit");
        return found;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** unshare (util-linux) and ip (iproute2), and the right to make a network namespace. */
    private static void requireTools() throws IOException, InterruptedException {
        for (String[] tool : List.of(new String[] {"ip", "iproute2"}, new String[] {"unshare", "util-linux"})) {
            if (onPath(tool[0]).isEmpty()) {
                unavailable(tool[0] + " is not installed; .ci/run must install " + tool[1] + " (apt-get install -y "
                        + tool[1] + ")");
            }
        }
        Process probe = new ProcessBuilder(onPath("unshare").orElseThrow().toString(), "--net", "--",
                onPath("ip").orElseThrow().toString(), "link", "add", "fence0", "type", "veth", "peer",
                "name", "fence1").redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (probe.waitFor() != 0) {
            unavailable("cannot create a network namespace with a veth pair (unshare --net needs CAP_SYS_ADMIN): " + out);
        }
    }

    private static void unavailable(String why) {
        if (CI) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH") + File.pathSeparator + "/usr/sbin:/sbin:/usr/bin:/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }
}
