package dev.codexfence.engine.internal.report;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless chromium, run once per page load with a fresh profile, no background networking and no
 * DNS (every host name resolves to nothing), on file:// URLs only.
 */
final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path scratch;
    private int profiles;

    Chromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The chromium on PATH ({@code chromium}, else {@code chromium-browser}), if any. */
    static Optional<Path> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page's scripts ran, as chromium's {@code --dump-dom} serialises it. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** Saves a PNG of the page at 1400 × 900. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,900", url));
    }

    private String run(List<String> tail) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(scratch.resolve("profile-" + (++profiles)));
        List<String> argv = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
        argv.addAll(tail);
        Path stderr = scratch.resolve("chromium-" + profiles + ".err");
        Process p = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(stderr.toFile())
                .start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + argv);
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + argv + "\n" + Files.readString(stderr));
        }
        try {
            return new String(out.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
