package dev.codexfence.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ShellCheck over every helper (src/main/bash) and the benchmark, with the repository's .shellcheckrc: no finding of
 * any severity. Without shellcheck (Debian: apt-get install shellcheck) the test aborts with that reason, and fails
 * where the environment variable CI is true.
 */
class ShellCheckTest {

    private static Path shellcheck;

    @BeforeAll
    static void findShellCheck() {
        shellcheck = onPath("shellcheck");
        if (shellcheck == null) {
            String reason = "shellcheck is not on PATH (Debian: apt-get install shellcheck)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + "; CI must have it");
            }
            Assumptions.abort(reason);
        }
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** shellcheck's findings for FILES, one per line (gcc format); empty when there are none. */
    private static List<String> findings(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(shellcheck.toString(), "--format=gcc"));
        files.forEach(f -> cmd.add(f.toString()));
        Scripts.Result r = Scripts.run(cmd, Map.of(), null);
        assertThat(r.exit())
                .as("shellcheck exit (0: clean, 1: findings); %s", r)
                .isIn(0, 1);
        assertThat(r.stderr()).as("shellcheck stderr").isEmpty();
        return r.stdoutLines();
    }

    private static List<Path> helpers() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Scripts.BIN)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(Scripts.BIN.resolve("../../../bench").normalize())) {
            s.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyHelperPassesShellCheck() throws IOException {
        List<Path> files = helpers();
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "emit-record",
                        "detect-stack",
                        "portable-path",
                        "json-extract",
                        "probe-lib.sh",
                        "emit-record-bench.sh");
        assertThat(findings(files))
                .as("shellcheck findings (settings: the repository's .shellcheckrc)")
                .isEmpty();
    }

    @Test
    void theCheckFindsAProblemWithTheRepositorysSettings() throws IOException {
        // written below the repository, so that shellcheck reads the same .shellcheckrc
        Path dir = Files.createDirectories(Path.of("target/shellcheck-canary").toAbsolutePath());
        Path bad = dir.resolve("bad.sh");
        Files.writeString(bad, "#!/usr/bin/env bash\nx=$1\nif [ -n \"$x\" ]; then echo $x; fi\n", UTF_8);
        List<String> found = findings(List.of(bad));
        assertThat(found)
                .anyMatch(l -> l.endsWith("[SC2292]")) // [ ] where [[ ]] is the rule (enabled by .shellcheckrc)
                .anyMatch(l -> l.endsWith("[SC2086]")); // unquoted expansion
    }
}
