package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the real helper scripts of {@code src/main/bash} as processes. */
final class Scripts {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The folder holding the four helpers. */
    static final Path BIN = locate();

    /** Environment variables that the helpers read; cleared for every run. */
    private static final List<String> FENCE_VARS = List.of(
            "FENCE_RUN_MODE",
            "FENCE_WORKSPACE_ROOT",
            "FENCE_CODEX_CLI_VERSION",
            "FENCE_CODEX_PROFILE",
            "FENCE_SANDBOX_MODE",
            "FENCE_SANDBOX_INTERFACE",
            "CODEX_BIN",
            "BASH_COMPAT",
            "BASH_ENV",
            "ENV");

    /** The required flags of emit-record with valid values. */
    static final List<String> REQUIRED = List.of(
            "--probe-name", "fs_probe",
            "--primary-capability-id", "cap_fs_read",
            "--command", "cat x",
            "--category", "fs",
            "--verb", "read",
            "--target", "/tmp/x",
            "--status", "success");

    private Scripts() {}

    private static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("fence.root");
        if (root != null && !root.isBlank()) {
            candidates.add(Path.of(root).resolve("probe-runtime/src/main/bash"));
        }
        candidates.add(Path.of("src/main/bash"));
        candidates.add(Path.of("probe-runtime/src/main/bash"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("emit-record"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find probe-runtime/src/main/bash among " + candidates);
    }

    static Path script(String name) {
        return BIN.resolve(name);
    }

    /** What one process did. */
    record Result(int exit, byte[] stdoutBytes, String stderr) {

        /** stdout decoded leniently, like the harness does. */
        String stdout() {
            return new String(stdoutBytes, UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(stdout());
        }

        /** The lines of stdout (a final newline ends the last line, it does not start another). */
        List<String> stdoutLines() {
            String out = stdout();
            if (out.isEmpty()) {
                return List.of();
            }
            String body = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
            return List.of(body.split("\n", -1));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout() + "\nstderr: " + stderr;
        }
    }

    /** Runs COMMAND with a clean fence environment plus ENV (null value: unset). */
    static Result run(List<String> command, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        FENCE_VARS.forEach(e::remove);
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs a helper by path (through its #! line, as probes do). */
    static Result helper(String name, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script(name).toString());
        cmd.addAll(Arrays.asList(args));
        return run(cmd, env, null);
    }

    static Result helper(String name, String... args) {
        return helper(name, Map.of(), args);
    }

    /** emit-record with the required flags followed by ARGS. */
    static Result emit(Map<String, String> env, List<String> args) {
        List<String> all = new ArrayList<>(REQUIRED);
        all.addAll(args);
        return helper("emit-record", env, all.toArray(String[]::new));
    }

    static Result emit(String... args) {
        return emit(Map.of(), List.of(args));
    }

    /**
     * emit-record with the required flags, ARGS, and {@code FLAG <bytes>}: the bytes travel as a
     * {@code printf %b} escape text so that any byte (invalid UTF-8 too) reaches the script whatever
     * the JVM's file encoding.
     */
    static Result emitBytes(Map<String, String> env, String flag, byte[] value, String... args) {
        List<byte[]> all = new ArrayList<>();
        for (String a : args) {
            all.add(a.getBytes(UTF_8));
        }
        all.add(flag.getBytes(UTF_8));
        all.add(value);
        return emitRaw(env, all);
    }

    /** emit-record with the required flags followed by ARGS given as raw bytes (no NUL). */
    static Result emitRaw(Map<String, String> env, List<byte[]> args) {
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                "-c",
                "n=$#; while (( n > 0 )); do printf -v v '%b' \"$1\"; shift; set -- \"$@\" \"$v\"; "
                        + "n=$((n - 1)); done; exec \"$0\" \"$@\"",
                script("emit-record").toString()));
        for (String r : REQUIRED) {
            cmd.add(percentB(r.getBytes(UTF_8)));
        }
        for (byte[] a : args) {
            cmd.add(percentB(a));
        }
        return run(cmd, env, null);
    }

    /** VALUE as an ASCII escape text that {@code printf %b} turns back into the same bytes. */
    static String percentB(byte[] value) {
        StringBuilder sb = new StringBuilder(value.length * 4);
        for (byte b : value) {
            sb.append(String.format("\\0%03o", b & 0xff));
        }
        return sb.toString();
    }
}
