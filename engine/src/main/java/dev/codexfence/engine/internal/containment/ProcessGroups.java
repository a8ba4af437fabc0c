package dev.codexfence.engine.internal.containment;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sessions and process groups through the system's {@code setsid} and {@code kill} programs (util-linux on
 * Linux; macOS has no {@code setsid}): a run that leads a session of its own is also the leader of a process
 * group, which one signal reaches as a whole.
 */
final class ProcessGroups {

    static final String SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
    static final String KILL = firstExecutable("/usr/bin/kill", "/bin/kill");

    private ProcessGroups() {}

    /** Whether runs can lead a session and process group of their own here. */
    static boolean available() {
        return SETSID != null && KILL != null;
    }

    /** {@code argv} started as the leader of a new session (and process group) whose id is its pid. */
    static List<String> inOwnSession(List<String> argv) {
        if (!available()) {
            return argv;
        }
        List<String> a = new ArrayList<>(argv.size() + 1);
        a.add(SETSID);
        a.addAll(argv);
        return a;
    }

    /** Sends {@code signal} (e.g. {@code -KILL}) to every process of group {@code group}; true when one got it. */
    static boolean signal(long group, String signal) {
        if (KILL == null) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder(KILL, signal, "--", "-" + group)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }
}
