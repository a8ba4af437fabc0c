package dev.codexfence.engine.internal.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Fresh scratch workspaces, one per probe run, made from an in-memory {@link WorkspaceManifest} (a git
 * repository with {@code README.md} and {@code src/hello.txt}); never the user's checkout, and no template on
 * disk. Copies are made ahead on a background thread (as many as runs have been seen at once, at least one), so
 * making one is not on a probe run's path; a ready copy sits in the run's folder, where a probe in an
 * unsandboxed mode could reach it, so every ready copy is checked against the manifest at the first of the probe
 * runs' checks ({@link IntegrityWatch}) after a probe ran, and again when it is handed out: a changed copy is
 * thrown away, a fresh one made, and the change blamed on the runs that could have made it.
 *
 * <p>Workspace names are short on purpose: probes bind AF_UNIX sockets inside them (at most 107 bytes of path on
 * Linux), so a workspace is {@code RUN/N} with {@code N} a slot number in base 36, reused once the previous
 * holder is renamed away for deletion ({@code RUN/.tN}, deleted on the background thread).
 */
@API(status = INTERNAL, since = "0.1")
public final class Workspaces implements AutoCloseable, IntegrityWatch.Guarded {

    private final Path parent;
    private final WorkspaceManifest manifest;
    private final IntegrityWatch watch;
    private final Deque<Ready> ready = new ArrayDeque<>();
    private final TreeSet<Integer> freeSlots = new TreeSet<>();
    private int nextSlot;
    private long trashCounter;
    private int inUse;
    private int peakInUse = 1;
    private int preparing;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "codex-fence-workspaces");
        t.setDaemon(true);
        return t;
    });

    /** A workspace made ahead, and the tick at which it was last known to match the manifest. */
    private static final class Ready {
        final Path path;
        volatile long intactAt; // written under the watch's lock, read when handed out

        Ready(Path path, long intactAt) {
            this.path = path;
            this.intactAt = intactAt;
        }
    }

    private Workspaces(Path parent, WorkspaceManifest manifest, IntegrityWatch watch) {
        this.parent = parent;
        this.manifest = manifest;
        this.watch = watch;
    }

    /** Workspaces in {@code parent}, watched by a watch of their own (no probe runs blamed). */
    public static Workspaces create(Path parent, String git) throws IOException {
        return create(parent, git, new IntegrityWatch());
    }

    /**
     * Makes the manifest (in a temporary folder under {@code parent}, read into memory and deleted) and the first
     * ready copy; {@code git} (may be null) initialises the repository. The workspaces are guarded by {@code watch}.
     */
    public static Workspaces create(Path parent, String git, IntegrityWatch watch) throws IOException {
        Path template = parent.resolve(".template");
        WorkspaceManifest first;
        try {
            Files.createDirectory(template);
            Files.writeString(template.resolve("README.md"), "codex-fence scratch workspace\n", StandardCharsets.UTF_8);
            Files.createDirectories(template.resolve("src"));
            Files.writeString(template.resolve("src/hello.txt"), "hello from the workspace\n", StandardCharsets.UTF_8);
            if (git != null) {
                gitInit(git, template);
            }
            first = WorkspaceManifest.read(template);
        } catch (IOException | RuntimeException e) {
            // the failure that stopped the template comes first; a template left behind is added to it
            String left = TreeDeletion.deleteAndDescribe(template);
            if (left != null) {
                e.addSuppressed(new IOException("cannot remove the workspace template: " + left));
            }
            throw e;
        }
        String left = TreeDeletion.deleteAndDescribe(template);
        if (left != null) {
            throw new IOException("cannot remove the workspace template: " + left);
        }
        // the manifest is what materialise() makes under this process's umask: read back from a first copy
        Path probe = parent.resolve(".manifest");
        WorkspaceManifest manifest;
        try {
            first.materialise(probe);
            manifest = WorkspaceManifest.read(probe);
        } finally {
            TreeDeletion.delete(probe);
        }
        Workspaces w = new Workspaces(parent, manifest, watch);
        watch.guard(w);
        w.topUp();
        return w;
    }

    private static void gitInit(String git, Path dir) throws IOException {
        try {
            // no template: sample hooks are a dozen files every probe run would copy for nothing
            Process p = new ProcessBuilder(git, "init", "-q", "--template=", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A workspace for one probe run, matching the manifest. Its name stays short on purpose: probes bind AF_UNIX
     * sockets inside it.
     */
    public Path fresh(String probeId, String mode) throws IOException {
        synchronized (this) {
            inUse++;
            peakInUse = Math.max(peakInUse, inUse);
        }
        try {
            Path ws = takeReady();
            if (ws == null) {
                ws = make();
            }
            topUp();
            return ws;
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                inUse--;
            }
            throw e;
        }
    }

    /**
     * A ready copy, compared with the manifest once more as it is handed out (something other than a probe run, a
     * process one left behind, say, may have changed it since the last check); null when none is ready.
     */
    private Path takeReady() {
        while (true) {
            Ready r;
            synchronized (this) {
                r = ready.poll();
            }
            if (r == null) {
                return null;
            }
            List<String> diff = manifest.differences(r.path);
            if (diff.isEmpty()) {
                return r.path;
            }
            watch.report(changed(r, diff));
            throwAway(r.path);
        }
    }

    private static IntegrityWatch.Finding changed(Ready r, List<String> diff) {
        return new IntegrityWatch.Finding(
                "a ready workspace " + r.path + " was changed (" + String.join("; ", diff)
                        + "); thrown away and a fresh one made",
                r.intactAt);
    }

    /** Makes a workspace now, in a free slot (a slot name something else took is cleared and another tried). */
    private Path make() throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path ws;
            synchronized (this) {
                Integer slot = freeSlots.pollFirst();
                ws = parent.resolve(Integer.toString(slot != null ? slot : nextSlot++, 36));
            }
            try {
                manifest.materialise(ws);
                return ws;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (ws.equals(Path.of(e.getFile() == null ? "" : e.getFile())) && attempt < 3) {
                    throwAway(ws); // not ours (planted): removed with the trash
                    continue;
                }
                throwAway(ws);
                throw e;
            } catch (IOException e) {
                throwAway(ws);
                throw e;
            }
        }
    }

    /** Starts making copies until as many are ready (or in the making) as runs have been seen at once. */
    private void topUp() {
        int wanted;
        synchronized (this) {
            wanted = peakInUse - ready.size() - preparing;
            preparing += Math.max(0, wanted);
        }
        for (int i = 0; i < wanted; i++) {
            try {
                background.execute(() -> {
                    long since = watch.now();
                    try {
                        Path ws = make();
                        synchronized (this) {
                            ready.add(new Ready(ws, since));
                        }
                    } catch (IOException e) {
                        // fresh() makes one itself when none is ready
                    } finally {
                        synchronized (this) {
                            preparing--;
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    preparing--; // closing: nothing more to prepare
                }
            }
        }
    }

    @Override
    public List<IntegrityWatch.Finding> check(long now, java.util.function.LongPredicate ranSince) {
        List<Ready> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(ready);
        }
        List<IntegrityWatch.Finding> found = new ArrayList<>();
        for (Ready r : snapshot) {
            if (!ranSince.test(r.intactAt)) {
                continue; // no probe ran since it was last found intact (e.g. at the previous run's end)
            }
            List<String> diff = manifest.differences(r.path);
            if (diff.isEmpty()) {
                r.intactAt = now;
                continue;
            }
            boolean mine;
            synchronized (this) {
                mine = ready.remove(r);
            }
            if (mine) {
                found.add(changed(r, diff));
                throwAway(r.path);
                topUp();
            }
        }
        return found;
    }

    /** The ready copies' folders, in hand-out order (for tests). */
    synchronized List<Path> readyCopies() {
        return ready.stream().map(r -> r.path).toList();
    }

    /** Deletes a used workspace: renamed away at once (its slot is free again), removed in the background. */
    public void discard(Path workspace) {
        if (workspace == null) {
            return;
        }
        synchronized (this) {
            inUse--;
        }
        throwAway(workspace);
    }

    private void throwAway(Path workspace) {
        Path trash;
        synchronized (this) {
            trash = parent.resolve(".t" + Long.toString(trashCounter++, 36));
        }
        boolean moved;
        try {
            Files.move(workspace, trash, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (NoSuchFileException e) {
            moved = false;
            releaseSlot(workspace); // already gone (a probe may remove its own workspace)
        } catch (IOException e) {
            moved = false; // cannot be renamed: deleted in place, its slot is not reused
        }
        if (moved) {
            releaseSlot(workspace);
        }
        Path doomed = moved ? trash : workspace;
        try {
            background.execute(() -> TreeDeletion.delete(doomed));
        } catch (RejectedExecutionException e) {
            TreeDeletion.delete(doomed);
        }
    }

    private synchronized void releaseSlot(Path workspace) {
        try {
            freeSlots.add(Integer.parseInt(workspace.getFileName().toString(), 36));
        } catch (NumberFormatException e) {
            // not a slot name
        }
    }

    /** Waits for pending copies and deletions, then removes the unused copies. */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Ready> left;
        synchronized (this) {
            left = new ArrayList<>(ready);
            ready.clear();
        }
        for (Ready r : left) {
            TreeDeletion.delete(r.path); // what stays is reported with the run folder
        }
    }

    /**
     * What a probe left in its workspace: paths (relative, sorted) that the manifest does not have. Codex's own
     * empty mount points for protected names are not the probe's doing and are ignored.
     */
    public List<String> leftovers(Path workspace) throws IOException {
        List<String> extra = new ArrayList<>();
        for (String p : manifest.extraPaths(workspace)) {
            if (!isCodexMountPoint(workspace.resolve(p))) {
                extra.add(p);
            }
        }
        return extra;
    }

    /** An empty folder (codex 0.169) or empty file (codex 0.120 leaves a read-only one) named .codex, .agents or .aws. */
    private static boolean isCodexMountPoint(Path p) throws IOException {
        String name = p.getFileName().toString();
        return (name.equals(".codex") || name.equals(".agents") || name.equals(".aws"))
                && p.getParent() != null
                && (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? isEmpty(p)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Removes a tree without following symlinks out of it, making folders accessible to their owner first.
     *
     * @return what could not be removed (empty when everything went)
     */
    public static List<TreeDeletion.Failure> delete(Path root) {
        return TreeDeletion.delete(root);
    }
}
