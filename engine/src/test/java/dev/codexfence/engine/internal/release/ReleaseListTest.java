package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.json.FenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list of releases: from npm (a fake on PATH), cached with its time, used offline when npm fails. */
class ReleaseListTest {

    @TempDir
    Path tmp;

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    /** The 142 stable releases npm listed on 2026-12-01 (fixture), ascending. */
    static List<ReleaseVersion> stableReleasesOn20261201() {
        try {
            List<ReleaseVersion> out = new ArrayList<>();
            FenceJson.MAPPER
                    .readTree(FakeNpm.LISTING.toFile())
                    .get("versions")
                    .forEach(v -> ReleaseVersion.parse(v.asString())
                            .filter(ReleaseVersion::stable)
                            .ifPresent(out::add));
            out.sort(null);
            return out;
        } catch (RuntimeException e) {
            throw new AssertionError(e);
        }
    }

    private ReleaseList list(FakeNpm npm, Instant now) {
        return new ReleaseList(npm.npm(), tmp.resolve("cache"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void listsEveryVersionFromNpmAndTellsStableFromPreReleases() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        ReleaseList.Snapshot s = list(npm, T0).get();
        assertThat(s.versions()).hasSize(487);
        assertThat(s.stable())
                .hasSize(142)
                .startsWith(ReleaseVersion.parse("0.1.2504172351").orElseThrow())
                .endsWith(ReleaseVersion.parse("0.171.0").orElseThrow());
        assertThat(s.latest().text()).isEqualTo("0.171.0");
        assertThat(s.fetchedAt()).isEqualTo(T0);
        assertThat(s.note()).isEmpty();
        assertThat(Files.readString(tmp.resolve("cache/releases.json")))
                .contains("\"fetched_at\":\"2026-12-01T12:00:00Z\"");
    }

    @Test
    void aFreshCachedListIsUsedWithoutNpmAndAStaleOneIsRefreshed() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        list(npm, T0).get();
        list(npm, T0.plus(ReleaseList.FRESH).minusSeconds(1)).get();
        assertThat(npm.calls()).hasSize(1);
        ReleaseList.Snapshot refreshed =
                list(npm, T0.plus(ReleaseList.FRESH).plusSeconds(1)).get();
        assertThat(npm.calls()).hasSize(2);
        assertThat(refreshed.fetchedAt()).isEqualTo(T0.plus(ReleaseList.FRESH).plusSeconds(1));
    }

    @Test
    void offlineTheCachedListIsUsedWhateverItsAgeWithANote() throws Exception {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        list(npm, T0).get();
        npm.offline();
        ReleaseList.Snapshot s = list(npm, T0.plus(Duration.ofDays(30))).get();
        assertThat(s.stable()).hasSize(142);
        assertThat(s.fetchedAt()).isEqualTo(T0);
        assertThat(s.note())
                .get()
                .asString()
                .startsWith("using the list of releases cached 2026-12-01T12:00:00Z (npm: `npm view"
                        + " @openai/codex versions dist-tags --json` failed (exit 1): npm error code ENOTFOUND;");
    }

    @Test
    void offlineWithoutACachedListIsAnErrorNamingBoth() throws IOException {
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).offline();
        assertThatThrownBy(() -> list(npm, T0).get())
                .isInstanceOf(NpmException.class)
                .hasMessageStartingWith(
                        "cannot list the releases of @openai/codex (`npm view @openai/codex versions dist-tags"
                                + " --json` failed (exit 1): npm error code ENOTFOUND")
                .hasMessageEndingWith(") and no list is cached in " + tmp.resolve("cache/releases.json"));
    }

    @Test
    void aDamagedCacheFileIsIgnoredAndReplaced() throws Exception {
        Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(tmp.resolve("cache/releases.json"), "{not json");
        FakeNpm npm = new FakeNpm(tmp.resolve("npm")).online();
        assertThat(list(npm, T0).get().stable()).hasSize(142);
        assertThat(FenceJson.MAPPER
                        .readTree(tmp.resolve("cache/releases.json").toFile())
                        .get("versions")
                        .size())
                .isEqualTo(487);
    }
}
