package dev.codexfence.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as a separate JVM, the way users do: {@code java -cp <this test's classpath>
 * dev.codexfence.cli.Main ARGS}, with a clean environment (no inherited MODES or CODEX_FENCE_*), and
 * captures stdout and stderr separately.
 */
final class CliProcess {

    /** The fixture probe trees of the engine module. */
    static final Path FIXTURES =
            Path.of("../engine/src/test/fixtures").toAbsolutePath().normalize();
    /** Checked-in golden files and inputs of the CLI tests. */
    static final Path RESOURCES = Path.of("src/test/resources/cli").toAbsolutePath();

    private final List<String> args = new ArrayList<>();
    private final List<String> jvm = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private byte[] stdin = new byte[0];
    private Path stdinFile;
    private Duration timeout = Duration.ofSeconds(120);

    private CliProcess(String... args) {
        this.args.addAll(List.of(args));
    }

    static CliProcess cli(String... args) {
        return new CliProcess(args);
    }

    static Path fixture(String name) {
        return FIXTURES.resolve(name);
    }

    /**
     * A scratch root of its own for one test's CLI run ({@code -c codex-fence.scratch.dir=...}), so the test sees
     * exactly its run's folders; outside /tmp and the checkout ({@link dev.codexfence.testing.TestScratch}).
     */
    static Path scratchRoot(String name) throws IOException {
        return dev.codexfence.testing.TestScratch.folder(name);
    }

    /** The repository root (Surefire passes -Dfence.root), for the real probe helpers. */
    static Path repositoryRoot() {
        String root = System.getProperty("fence.root");
        return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }

    CliProcess args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess jvm(String option) {
        jvm.add(option);
        return this;
    }

    CliProcess stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    CliProcess stdin(Path file) {
        stdinFile = file;
        return this;
    }

    CliProcess timeout(Duration d) {
        timeout = d;
        return this;
    }

    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment()
                .keySet()
                .removeIf(k -> k.equals("MODES")
                        || k.startsWith("CODEX_FENCE_")
                        || k.startsWith("FENCE_")
                        || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        if (stdinFile != null) {
            pb.redirectInput(stdinFile.toFile());
        }
        return pb;
    }

    /** The started process; the caller owns it (and its output streams). */
    Process start() throws IOException {
        return builder().start();
    }

    Result run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = start();
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        if (stdinFile == null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the CLI did not read its stdin (most commands do not)
            }
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(
                    "codex-fence " + args + " did not finish within " + timeout + "; stderr so far:\n" + err.text());
        }
        out.join();
        err.join();
        return new Result(p.exitValue(), out.text(), err.text(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** How a run ended. */
    record Result(int exit, String stdout, String stderr, Duration elapsed) {

        /** stdout's non-empty lines. */
        List<String> lines() {
            return stdout.lines().filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n"
                    + stderr;
        }
    }

    /** Reads a stream to the end on its own thread. */
    static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // closed
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Copies a fixture folder (flat) into {@code target}, keeping the executable bit. */
    static void copyTree(Path from, Path target) throws IOException {
        Files.createDirectories(target);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f)) {
                    copyTree(f, target.resolve(f.getFileName().toString()));
                } else {
                    Files.copy(
                            f,
                            target.resolve(f.getFileName().toString()),
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
