package dev.codexfence.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh scratch workspaces: a template (a git repository with fixture files) made once per run, copied for
 * every probe run and deleted after it. Never the user's checkout. Copies are made ahead on a background
 * thread and used workspaces are deleted there too, so neither sits on a probe run's path; {@link #close()}
 * waits for that thread and removes what is left.
 */
public final class Workspaces implements AutoCloseable {

    /** How many copies are kept ready. */
    private static final int READY = 4;

    private final Path parent;
    private final Path template;
    private final AtomicInteger counter = new AtomicInteger();
    private final java.util.concurrent.BlockingQueue<Path> ready = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.ExecutorService background =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "codex-fence-workspaces");
                t.setDaemon(true);
                return t;
            });

    private Workspaces(Path parent, Path template) {
        this.parent = parent;
        this.template = template;
        for (int i = 0; i < READY; i++) {
            prepareOne();
        }
    }

    private void prepareOne() {
        try {
            background.execute(() -> {
                try {
                    ready.add(copy());
                } catch (IOException e) {
                    // fresh() makes one itself when none is ready
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing more to prepare
        }
    }

    private Path copy() throws IOException {
        Path ws = parent.resolve("ws-" + counter.incrementAndGet());
        copyTree(template, ws);
        return ws;
    }

    /** Makes the template under {@code parent}; {@code git} (may be null) initialises its repository. */
    public static Workspaces create(Path parent, String git) throws IOException {
        Path template = Files.createDirectories(parent.resolve("workspace-template"));
        Files.writeString(template.resolve("README.md"), "codex-fence scratch workspace\n", StandardCharsets.UTF_8);
        Files.createDirectories(template.resolve("src"));
        Files.writeString(template.resolve("src/hello.txt"), "hello from the workspace\n", StandardCharsets.UTF_8);
        if (git != null) {
            try {
                // no template: sample hooks are a dozen files every probe run would copy for nothing
                Process p = new ProcessBuilder(git, "init", "-q", "--template=", template.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Workspaces(parent, template);
    }

    /**
     * A new copy of the template. Its name stays short on purpose: probes bind AF_UNIX sockets inside it, and
     * socket paths are limited to about 100 bytes.
     */
    public Path fresh(String probeId, String mode) throws IOException {
        Path ws = ready.poll();
        prepareOne();
        return ws != null ? ws : copy();
    }

    /** Deletes a used workspace in the background. */
    public void discard(Path workspace) {
        if (workspace == null) {
            return;
        }
        try {
            background.execute(() -> delete(workspace));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            delete(workspace);
        }
    }

    /** Waits for pending copies and deletions, then removes the unused copies. */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path ws;
        while ((ws = ready.poll()) != null) {
            delete(ws);
        }
    }

    /**
     * What a probe left in its workspace: paths (relative, sorted) that the template does not have. Codex's own
     * empty mount points for protected names are not the probe's doing and are ignored.
     */
    public java.util.List<String> leftovers(Path workspace) throws IOException {
        java.util.Set<String> before = relativePaths(template);
        java.util.List<String> extra = new java.util.ArrayList<>();
        for (String p : relativePaths(workspace)) {
            if (!before.contains(p) && !isCodexMountPoint(workspace.resolve(p))) {
                extra.add(p);
            }
        }
        java.util.Collections.sort(extra);
        return extra;
    }

    /** An empty folder (codex 0.169) or empty file (codex 0.120 leaves a read-only one) named .codex, .agents or .aws. */
    private static boolean isCodexMountPoint(Path p) throws IOException {
        String name = p.getFileName().toString();
        return (name.equals(".codex") || name.equals(".agents") || name.equals(".aws")) && p.getParent() != null
                && (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? isEmpty(p)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static java.util.Set<String> relativePaths(Path root) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    out.add(root.relativize(dir).toString());
                }
                // git keeps its own bookkeeping in .git; probes that touch it are judged by their records
                return dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                out.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes a tree without following symlinks out of it; makes read-only folders writable first. */
    public static void delete(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: the caller reports leftovers through the no-debris checks
        }
    }
}
