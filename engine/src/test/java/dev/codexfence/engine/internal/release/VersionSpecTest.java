package dev.codexfence.engine.internal.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and sampling of --codex-version / codex-fence.codex.versions. */
class VersionSpecTest {

    private static ReleaseVersion v(String text) {
        return ReleaseVersion.parse(text).orElseThrow();
    }

    @Test
    void versionsOrderLikeSemverWithNumbersComparedAsNumbers() {
        assertThat(List.of(
                                v("0.171.0"),
                                v("0.8.0"),
                                v("0.1.2505291658"),
                                v("0.170.0-alpha.10"),
                                v("0.170.0-alpha.9"),
                                v("0.170.0"),
                                v("0.100.0"))
                        .stream()
                        .sorted()
                        .map(ReleaseVersion::text))
                .containsExactly(
                        "0.1.2505291658",
                        "0.8.0",
                        "0.100.0",
                        "0.170.0-alpha.9",
                        "0.170.0-alpha.10",
                        "0.170.0",
                        "0.171.0");
        assertThat(v("0.169.0-linux-x64").stable()).isFalse();
        assertThat(v("0.169.0").stable()).isTrue();
        assertThat(ReleaseVersion.parse("0.80")).isEmpty();
        assertThat(ReleaseVersion.parse("v0.80.0")).isEmpty();
        assertThat(ReleaseVersion.parse("00.1.0")).isEmpty();
    }

    @Test
    void parsesEachForm() {
        assertThat(VersionSpec.parse(" 0.169.0 ")).isEqualTo(new VersionSpec.Exact(v("0.169.0")));
        assertThat(VersionSpec.parse("0.170.0-alpha.3")).isEqualTo(new VersionSpec.Exact(v("0.170.0-alpha.3")));
        assertThat(VersionSpec.parse("latest")).isEqualTo(new VersionSpec.Latest());
        assertThat(VersionSpec.parse("0.80.0..0.171.0")).isEqualTo(new VersionSpec.Range(v("0.80.0"), v("0.171.0"), 0));
        assertThat(VersionSpec.parse("0.80.0..latest/8")).isEqualTo(new VersionSpec.Range(v("0.80.0"), null, 8));
        assertThat(VersionSpec.parse("0.80.0..latest/8").text()).isEqualTo("0.80.0..latest/8");
        assertThat(VersionSpec.parseList("0.40.0, latest 0.40.0"))
                .containsExactly(new VersionSpec.Exact(v("0.40.0")), new VersionSpec.Latest());
    }

    @Test
    void badSpecsSayWhatIsWrongAndWhatIsAccepted() {
        assertThatThrownBy(() -> VersionSpec.parse("0.80"))
                .hasMessage("\"0.80\" is not a codex version: \"0.80\" is not" + " MAJOR.MINOR.PATCH; "
                        + VersionSpec.FORMS);
        assertThatThrownBy(() -> VersionSpec.parse("0.171.0..0.80.0"))
                .hasMessage("\"0.171.0..0.80.0\": the range is backwards (0.171.0 is after 0.80.0)");
        assertThatThrownBy(() -> VersionSpec.parse("0.80.0..0.171.0/1")).hasMessageContaining("at least 2 releases");
        assertThatThrownBy(() -> VersionSpec.parse("0.80.0..0.171.0/x")).hasMessageContaining("got \"x\"");
        assertThatThrownBy(() -> VersionSpec.parse("0.80.0..0.171.0-rc.1"))
                .hasMessageContaining("never holds pre-releases");
        assertThatThrownBy(() -> VersionSpec.parse("")).hasMessageStartingWith("empty codex version");
        assertThatThrownBy(() -> VersionSpec.parseList(" , ")).hasMessageStartingWith("names no codex version");
    }

    @Test
    void aSampledRangeKeepsBothEndsAndSpacesTheRestEvenlyByPosition() {
        List<ReleaseVersion> stable = ReleaseListTest.stableReleasesOn20261201();
        assertThat(stable).hasSize(142);
        var range = (VersionSpec.Range) VersionSpec.parse("0.80.0..0.171.0/8");
        List<ReleaseVersion> all =
                ((VersionSpec.Range) VersionSpec.parse("0.80.0..0.171.0")).select(stable, v("0.171.0"));
        assertThat(all).hasSize(102).startsWith(v("0.80.0")).endsWith(v("0.171.0"));
        // positions 0, 14.4, 28.9, 43.3, 57.7, 72.1, 86.6, 101 of the 102 releases, rounded
        assertThat(range.select(stable, v("0.171.0")))
                .extracting(ReleaseVersion::text)
                .containsExactly(
                        "0.80.0",
                        all.get(14).text(),
                        all.get(29).text(),
                        all.get(43).text(),
                        all.get(58).text(),
                        all.get(72).text(),
                        all.get(87).text(),
                        "0.171.0");
        assertThat(range.select(stable, v("0.171.0")))
                .extracting(ReleaseVersion::text)
                .containsExactly("0.80.0", "0.104.0", "0.123.0", "0.139.0", "0.144.5", "0.153.0", "0.159.2", "0.171.0");
    }

    @Test
    void rangesTakeStableReleasesOnlyAndEndsNeedNotBeReleases() {
        List<ReleaseVersion> stable = ReleaseListTest.stableReleasesOn20261201();
        assertThat(((VersionSpec.Range) VersionSpec.parse("0.46.0..0.50.0")).select(stable, null))
                .extracting(ReleaseVersion::text)
                .containsExactly("0.47.0", "0.49.0", "0.50.0");
        assertThat(((VersionSpec.Range) VersionSpec.parse("0.169.0..latest")).select(stable, v("0.171.0")))
                .extracting(ReleaseVersion::text)
                .containsExactly("0.169.0", "0.171.0");
        assertThat(((VersionSpec.Range) VersionSpec.parse("0.47.0..0.50.0/8")).select(stable, null))
                .hasSize(3);
        assertThat(((VersionSpec.Range) VersionSpec.parse("0.2.0..0.7.0")).select(stable, null))
                .isEmpty();
    }

    @Test
    void evenSpacingPicksByIndex() {
        assertThat(VersionSpec.evenlySpaced(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 3))
                .containsExactly(1, 6, 11);
        assertThat(VersionSpec.evenlySpaced(List.of(1, 2, 3), 5)).containsExactly(1, 2, 3);
    }
}
