package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.mode.CodexDetector;
import dev.codexfence.engine.internal.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Codex releases as installable things: turns version specs ({@link VersionSpec}) into releases installed in the
 * per-user cache ({@link CacheLocation}) and detected ({@link CodexDetector}), or skipped with the exact reason.
 * The list of releases comes from npm and is cached ({@link ReleaseList}); installs are checked and safe to run
 * concurrently ({@link CodexInstaller}). Releases come back in version order, each once.
 */
@API(status = INTERNAL, since = "0.1")
public final class CodexReleases {

    /** How long an install waits for another install of the same version. */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(15);

    private final ReleaseList list;
    private final CodexInstaller installer;
    private final CodexDetector detector;
    private final Platform platform;

    public CodexReleases(
            Npm npm,
            Path cacheDirectory,
            Map<String, String> environment,
            Platform platform,
            Clock clock,
            Duration lockWait) {
        this.list = new ReleaseList(npm, cacheDirectory, clock);
        this.installer = new CodexInstaller(npm, cacheDirectory, lockWait, clock);
        this.detector = new CodexDetector(new ProcessRunner(), environment);
        this.platform = platform;
    }

    /** The user's cache, the real npm, this host. */
    public static CodexReleases forUser(Map<String, String> environment) {
        Optional<Platform> platform = Platform.current();
        return new CodexReleases(
                new NpmCommand(environment),
                CacheLocation.codexReleases(environment, platform),
                environment,
                platform.orElse(Platform.LINUX),
                Clock.systemUTC(),
                LOCK_WAIT);
    }

    public Path cacheDirectory() {
        return installer.directory();
    }

    /**
     * Which versions {@code specs} name, in version order, without installing anything; a spec naming none (an
     * unpublished version, an empty range, no list of releases) is a {@link ResolvedRelease.Skipped}.
     *
     * @param notes told when an older cached list of releases is used
     */
    public List<Selected> select(List<VersionSpec> specs, Consumer<String> notes) {
        TreeMap<ReleaseVersion, String> chosen = new TreeMap<>();
        List<ResolvedRelease.Skipped> skipped = new ArrayList<>();
        ReleaseList.Snapshot snapshot = null;
        String listProblem = null;
        boolean noteTold = false;
        for (VersionSpec spec : specs) {
            if (spec instanceof VersionSpec.Exact exact
                    && installer.installed(exact.version()).isPresent()) {
                chosen.putIfAbsent(exact.version(), spec.text());
                continue; // installed: no list needed (offline)
            }
            if (snapshot == null && listProblem == null) {
                try {
                    snapshot = list.get();
                } catch (NpmException e) {
                    listProblem = e.getMessage();
                }
            }
            if (snapshot != null && snapshot.note().isPresent() && !noteTold) {
                notes.accept(snapshot.note().get());
                noteTold = true;
            }
            if (spec instanceof VersionSpec.Exact exact) {
                if (snapshot == null || snapshot.contains(exact.version())) {
                    chosen.putIfAbsent(exact.version(), spec.text()); // unlisted: npm install says why it fails
                } else {
                    skipped.add(new ResolvedRelease.Skipped(
                            spec.text(),
                            exact.version() + " is not a published version of " + Npm.PACKAGE
                                    + ReleaseList.neighbours(snapshot, exact.version())));
                }
            } else if (snapshot == null) {
                skipped.add(new ResolvedRelease.Skipped(spec.text(), listProblem));
            } else if (spec instanceof VersionSpec.Range range) {
                List<ReleaseVersion> picked = range.select(snapshot.stable(), snapshot.latest());
                if (picked.isEmpty()) {
                    skipped.add(new ResolvedRelease.Skipped(
                            spec.text(),
                            "no stable release of " + Npm.PACKAGE + " in " + spec.text() + " (releases listed "
                                    + snapshot.fetchedAt() + ")"));
                }
                picked.forEach(v -> chosen.putIfAbsent(v, spec.text()));
            } else if (snapshot.latest() == null) {
                skipped.add(
                        new ResolvedRelease.Skipped(spec.text(), "npm names no 'latest' dist-tag for " + Npm.PACKAGE));
            } else {
                chosen.putIfAbsent(snapshot.latest(), spec.text());
            }
        }
        List<Selected> result = new ArrayList<>();
        chosen.forEach((v, spec) -> result.add(new Selected(Optional.of(v), spec, null)));
        skipped.forEach(s -> result.add(new Selected(Optional.empty(), s.label(), s.reason())));
        return List.copyOf(result);
    }

    /** A version a spec named, or the spec that named none and why. */
    public record Selected(Optional<ReleaseVersion> version, String spec, String problem) {}

    /**
     * The releases {@code specs} name, each installed (from the cache, else from npm) and detected, or skipped
     * with the reason.
     *
     * @param progress told what is being installed or waited for, and about an older cached list
     */
    public List<ResolvedRelease> resolve(List<VersionSpec> specs, Consumer<String> progress) {
        List<ResolvedRelease> out = new ArrayList<>();
        for (Selected s : select(specs, progress)) {
            if (s.version().isEmpty()) {
                out.add(new ResolvedRelease.Skipped(s.spec(), s.problem()));
                continue;
            }
            out.add(resolve(s.version().get(), progress));
        }
        return List.copyOf(out);
    }

    /** One version: installed and detected, or skipped with the reason. */
    public ResolvedRelease resolve(ReleaseVersion version, Consumer<String> progress) {
        Path install;
        try {
            install = installer.install(version, progress);
        } catch (InstallException e) {
            return new ResolvedRelease.Skipped(version.text(), e.getMessage());
        }
        CodexDetector.Detection d = detector.detect(CodexInstaller.launcher(install), platform);
        if (!d.found()) {
            return new ResolvedRelease.Skipped(version.text(), "codex " + version + " cannot run here: " + d.problem());
        }
        return new ResolvedRelease.Ready(version, install, d.cli());
    }

    /** The installed release of {@code version}, detected, without npm (empty when it is not installed). */
    public Optional<ResolvedRelease> installed(ReleaseVersion version) {
        return installer.installed(version).map(i -> resolve(version, m -> {}));
    }
}
