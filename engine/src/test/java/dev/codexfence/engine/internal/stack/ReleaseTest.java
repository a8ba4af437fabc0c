package dev.codexfence.engine.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    @Test
    void releasesOrderByVersionNotByText() {
        List<Release> releases = new ArrayList<>();
        for (String v : new String[] {
            "0.120.0",
            "weird",
            "0.80.0",
            "0.170.0",
            "0.1.2505291658",
            null,
            "0.8.0",
            "0.170.0-alpha.3",
            "0.0.2505291458",
            "0.40.0"
        }) {
            releases.add(new Release(v));
        }
        Collections.sort(releases);
        assertThat(releases)
                .extracting(Release::label)
                .containsExactly(
                        "no codex",
                        "0.0.2505291458",
                        "0.1.2505291658",
                        "0.8.0",
                        "0.40.0",
                        "0.80.0",
                        "0.120.0",
                        "0.170.0-alpha.3",
                        "0.170.0",
                        "weird");
    }

    @Test
    void aRecordsReleaseIsItsNpmVersionWhereTheRunNamedOne() {
        // 0.1.2505291658's binary says 0.0.2505291458: a run that selected it by version records both
        var selected = new dev.codexfence.record.BoundaryObject.Stack(
                "0.0.2505291458", "0.1.2505291658", null, null, "Linux", "linux", 0, true, "debug");
        var given = new dev.codexfence.record.BoundaryObject.Stack(
                "0.169.0", null, null, null, "Linux", "linux", 0, true, "sandbox-profile");
        assertThat(Release.of(selected).label()).isEqualTo("0.1.2505291658");
        assertThat(StackIdentity.of(selected).release().version()).isEqualTo("0.1.2505291658");
        assertThat(Release.of(given).label()).isEqualTo("0.169.0");
    }

    @Test
    void aHostLineIsTheStackWithoutTheRelease() {
        StackIdentity a = new StackIdentity(new HostLine("linux", "Linux 6.18 x86_64", 0), new Release("0.80.0"));
        StackIdentity b = new StackIdentity(new HostLine("linux", "Linux 6.18 x86_64", 0), new Release("0.120.0"));
        StackIdentity user =
                new StackIdentity(new HostLine("linux", "Linux 6.18 x86_64", 1000), new Release("0.120.0"));
        assertThat(a.host()).isEqualTo(b.host()).isNotEqualTo(user.host());
        assertThat(b.label()).isEqualTo("linux · codex 0.120.0 · Linux 6.18 x86_64 · uid 0");
        assertThat(user.host().label()).isEqualTo("linux · Linux 6.18 x86_64 · uid 1000");
        assertThat(List.of(b, user, a).stream().sorted(StackIdentity.ORDER).toList())
                .containsExactly(a, b, user);
    }
}
