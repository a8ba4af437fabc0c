package dev.codexfence.engine.internal.containment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding the cgroup v2 mount and this process's cgroup folder in mountinfo and /proc/self/cgroup texts. */
class Cgroup2MountTest {

    /** This machine's layout (hybrid: v1 controllers at /sys/fs/cgroup/NAME, v2 at /sys/fs/cgroup/unified). */
    private static final String HYBRID = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;
    /** A systemd host with the unified hierarchy only (optional fields before the separator). */
    private static final String PURE = """
            25 30 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            28 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate
            """;
    /** A container without a cgroup namespace: the mount shows a sub-tree of the host's hierarchy. */
    private static final String SUBTREE = """
            700 690 0:26 /docker/abc /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw
            """;

    @Test
    void findsTheUnifiedMountOfAHybridHost() {
        assertThat(Cgroup2Mount.parse(HYBRID)).containsExactly(new Cgroup2Mount("/sys/fs/cgroup/unified", "/"));
    }

    @Test
    void findsThePureV2MountBehindOptionalFields() {
        assertThat(Cgroup2Mount.parse(PURE)).containsExactly(new Cgroup2Mount("/sys/fs/cgroup", "/"));
    }

    @Test
    void aV1OnlyHostHasNone() {
        assertThat(Cgroup2Mount.parse(
                        HYBRID.lines().filter(l -> !l.contains("cgroup2")).reduce("", (a, b) -> a + b + "\n")))
                .isEmpty();
    }

    @Test
    void escapedMountPointsAreDecoded() {
        assertThat(Cgroup2Mount.parse("9 1 0:9 / /mnt/my\\040cgroups rw - cgroup2 none rw\n"))
                .containsExactly(new Cgroup2Mount("/mnt/my cgroups", "/"));
    }

    @Test
    void mapsTheOwnCgroupPathToAFolder() {
        List<Cgroup2Mount> hybrid = Cgroup2Mount.parse(HYBRID);
        assertThat(Cgroup2Mount.folderOf(hybrid, "/")).hasValue("/sys/fs/cgroup/unified");
        assertThat(Cgroup2Mount.folderOf(
                        Cgroup2Mount.parse(PURE), "/user.slice/user-1000.slice/user@1000.service/app.slice"))
                .hasValue("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice");
        List<Cgroup2Mount> sub = Cgroup2Mount.parse(SUBTREE);
        assertThat(Cgroup2Mount.folderOf(sub, "/docker/abc")).hasValue("/sys/fs/cgroup");
        assertThat(Cgroup2Mount.folderOf(sub, "/docker/abc/x")).hasValue("/sys/fs/cgroup/x");
        assertThat(Cgroup2Mount.folderOf(sub, "/docker/abcdef"))
                .as("a sibling with a longer name")
                .isEmpty();
        assertThat(Cgroup2Mount.folderOf(sub, "/system.slice")).isEmpty();
    }

    @Test
    void readsTheV2LineOfProcSelfCgroup() {
        assertThat(Cgroup2Mount.ownPath("9:name=systemd:/\n4:memory:/process_api/02ed\n0::/\n"))
                .hasValue("/");
        assertThat(Cgroup2Mount.ownPath("0::/user.slice/user-1000.slice/session-3.scope\n"))
                .hasValue("/user.slice/user-1000.slice/session-3.scope");
        assertThat(Cgroup2Mount.ownPath("0::/gone (deleted)\n")).isEmpty();
        assertThat(Cgroup2Mount.ownPath("4:memory:/x\n")).as("v1 only").isEmpty();
    }
}
