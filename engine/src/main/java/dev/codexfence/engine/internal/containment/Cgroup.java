package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One cgroup v2 folder and what containment does with it: make a child, list and kill its members, wait until
 * it is empty, remove it. Only the core interface files are used ({@code cgroup.procs}, {@code cgroup.threads},
 * {@code cgroup.type}, {@code cgroup.events}, {@code cgroup.kill}, {@code cgroup.freeze}); no controller is
 * enabled, so the "no internal processes" rule never applies to the folders made here. A threaded cgroup lists
 * threads, not processes ({@code cgroup.procs} and {@code cgroup.kill} give EOPNOTSUPP there): its members are
 * the processes of its threads, and it is emptied by freezing it and killing them. This JVM never counts as a
 * member and is never signalled.
 */
@API(status = INTERNAL, since = "0.1")
public record Cgroup(Path folder) {

    private static final long POLL_MICROS = 500;

    /** Makes the child folder {@code name}; fails when it exists or this process may not make it. */
    public Cgroup create(String name) throws IOException {
        return new Cgroup(Files.createDirectory(folder.resolve(name)));
    }

    /** The file a process writes its pid to in order to move into this cgroup. */
    public Path procsFile() {
        return folder.resolve("cgroup.procs");
    }

    /** Turns this (new, empty) cgroup into a threaded one. */
    public void makeThreaded() throws IOException {
        Files.write(
                folder.resolve("cgroup.type"),
                "threaded".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.WRITE);
    }

    /** Whether this cgroup is threaded ({@code cgroup.type}). */
    public boolean threaded() {
        try {
            return Files.readString(folder.resolve("cgroup.type"), StandardCharsets.US_ASCII)
                    .strip()
                    .equals("threaded");
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves the calling thread into this cgroup (the kernel takes no global lock for a thread moving itself). */
    public void enterCurrentThread() throws IOException {
        Files.write(
                folder.resolve("cgroup.threads"), "0".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    }

    /** Moves thread {@code tid} into this cgroup. */
    public void moveThread(long tid) throws IOException {
        Files.write(
                folder.resolve("cgroup.threads"),
                Long.toString(tid).getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.WRITE);
    }

    /** The threads in this cgroup (not in its children); empty when it is gone. */
    public List<Long> threads() {
        return ids(folder.resolve("cgroup.threads"));
    }

    /** The processes in this cgroup (not in its children), never this JVM; empty when it is gone. */
    public List<Long> members() {
        long self = ProcessHandle.current().pid();
        if (!threaded()) {
            return ids(procsFile()).stream().filter(p -> p != self).toList();
        }
        return threads().stream()
                .map(Procfs::threadGroup)
                .filter(p -> p > 0 && p != self)
                .distinct()
                .toList();
    }

    /** This JVM's threads that are in this cgroup (threaded cgroups only). */
    public List<Long> ownThreads() {
        return threads().stream()
                .filter(t -> Files.exists(Path.of("/proc/self/task/" + t)))
                .toList();
    }

    private static List<Long> ids(Path file) {
        List<Long> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    ids.add(Long.parseLong(line.strip()));
                }
            }
        } catch (NoSuchFileException e) {
            // removed: nothing in it
        } catch (IOException | NumberFormatException e) {
            // unreadable: reported as empty, the kill below still runs
        }
        return ids;
    }

    /** Whether any process is in this cgroup or below it ({@code cgroup.events}: {@code populated 1}). */
    public boolean populated() {
        try {
            for (String line : Files.readAllLines(folder.resolve("cgroup.events"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("populated ")) {
                    return !line.equals("populated 0");
                }
            }
            return false;
        } catch (IOException e) {
            return false; // removed
        }
    }

    /**
     * Kills every process in this cgroup and below it, and waits until it is empty or {@code within} has passed;
     * true when it is empty. Uses {@code cgroup.kill} (Linux 5.14+, domain cgroups), else freezes the cgroup,
     * sends SIGKILL to every member and thaws it, round after round, so that a member cannot fork faster than it
     * is killed. A cgroup holding a thread of this JVM is never frozen (its members are killed one by one).
     */
    public boolean killAll(Duration within) {
        return killAll(within, Files.exists(folder.resolve("cgroup.kill")) && !threaded());
    }

    /** {@link #killAll(Duration)}, with or without {@code cgroup.kill} (tests take the older kernels' way too). */
    boolean killAll(Duration within, boolean killFile) {
        long deadline = System.nanoTime() + within.toNanos();
        Path kill = folder.resolve("cgroup.kill");
        while (populated()) {
            if (withDescendants().stream().allMatch(c -> c.members().isEmpty())) {
                return false; // only threads of this JVM are left: never killed here
            }
            if (killFile) {
                write(kill, "1");
            } else {
                freezeAndKill();
            }
            if (awaitEmpty(Duration.ofMillis(50))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    private void freezeAndKill() {
        Path freeze = folder.resolve("cgroup.freeze");
        boolean mayFreeze = withDescendants().stream()
                .allMatch(c -> !c.threaded() || c.ownThreads().isEmpty());
        boolean frozen = mayFreeze && Files.exists(freeze) && write(freeze, "1");
        for (Cgroup c : withDescendants()) {
            c.members().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        if (frozen) {
            write(freeze, "0");
        }
    }

    /** This cgroup and every cgroup below it, deepest first. */
    List<Cgroup> withDescendants() {
        List<Cgroup> all = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path c : children) {
                all.addAll(new Cgroup(c).withDescendants());
            }
        } catch (IOException e) {
            // gone or unreadable: only this one
        }
        all.add(this);
        return all;
    }

    /** Waits until no process is left in this cgroup or below it; true when none is. */
    public boolean awaitEmpty(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (populated()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pauseMicros(POLL_MICROS);
        }
        return true;
    }

    /**
     * Removes this cgroup and the cgroups below it (empty ones only: the kernel refuses to remove a populated
     * cgroup); true when it is gone.
     */
    public boolean remove() {
        for (Cgroup c : withDescendants()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    Files.deleteIfExists(c.folder());
                    break;
                } catch (IOException e) {
                    // EBUSY right after the last member left: the kernel frees the cgroup asynchronously
                    pauseMicros(1000);
                }
            }
        }
        return !Files.exists(folder);
    }

    private static boolean write(Path file, String value) {
        try {
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void pauseMicros(long micros) {
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
