package dev.codexfence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class LiveProcessesTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDaemonNamedWithExecAIsFoundByThatName() throws Exception {
        String name = "live_processes_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "exec -a '" + name + " marker' sleep 60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (LiveProcesses.matching(c -> c.contains(name + " marker")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(LiveProcesses.matching(c -> c.contains(name + " marker")))
                    .singleElement()
                    .asString()
                    .startsWith(name + " marker");
            // what the JDK reports instead: the executable's path, the name lost
            assertThat(p.toHandle().info().commandLine().orElse("")).doesNotContain(name);
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(Files.isDirectory(Path.of("/proc/self"))).isTrue();
    }
}
