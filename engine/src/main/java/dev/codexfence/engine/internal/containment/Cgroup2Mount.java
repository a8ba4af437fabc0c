package dev.codexfence.engine.internal.containment;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A mount of the cgroup v2 hierarchy, as {@code /proc/self/mountinfo} lists it: at {@code /sys/fs/cgroup} on a
 * pure v2 host, at {@code /sys/fs/cgroup/unified} on a hybrid one (v1 controllers next to it), absent on a v1-only
 * host.
 *
 * @param mountPoint where it is mounted
 * @param root the cgroup this mount shows at its mount point ({@code /} unless a sub-tree is mounted)
 */
@API(status = INTERNAL, since = "0.1")
public record Cgroup2Mount(String mountPoint, String root) {

    /** The cgroup v2 mounts listed in a mountinfo text, in its order. */
    public static List<Cgroup2Mount> parse(String mountinfo) {
        List<Cgroup2Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            // ID PARENT MAJ:MIN ROOT MOUNT_POINT OPTIONS [OPTIONAL FIELDS...] - FSTYPE SOURCE SUPER_OPTIONS
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (dash < 6 || dash + 1 >= f.length || !f[dash + 1].equals("cgroup2")) {
                continue;
            }
            mounts.add(new Cgroup2Mount(unescape(f[4]), unescape(f[3])));
        }
        return mounts;
    }

    /**
     * The folder of the v2 cgroup {@code path} (as {@code /proc/self/cgroup} names it, {@code 0::PATH}) under
     * the first mount that shows it, or empty when none does.
     */
    public static Optional<String> folderOf(List<Cgroup2Mount> mounts, String path) {
        for (Cgroup2Mount m : mounts) {
            String root = m.root().equals("/") ? "" : m.root();
            if (path.equals(root) || path.startsWith(root + "/")) {
                String rest = path.substring(root.length());
                return Optional.of(m.mountPoint() + (rest.equals("/") ? "" : rest));
            }
        }
        return Optional.empty();
    }

    /** The v2 cgroup path of a process from its {@code /proc/PID/cgroup} text (the {@code 0::} line). */
    public static Optional<String> ownPath(String procCgroup) {
        for (String line : procCgroup.split("\n")) {
            if (line.startsWith("0::/")) {
                String p = line.substring(3);
                return p.endsWith(" (deleted)") ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** mountinfo writes space, tab, newline and backslash in paths as three-digit octal escapes. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
