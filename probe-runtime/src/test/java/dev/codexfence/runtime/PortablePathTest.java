package dev.codexfence.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortablePathTest {

    @TempDir
    Path tmp;

    Path root;

    @BeforeEach
    void tree() throws IOException {
        root = tmp.toRealPath();
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("c"));
        Files.writeString(root.resolve("a/b/f.txt"), "x");
        Files.createSymbolicLink(root.resolve("lb"), Path.of("a/b")); // relative, to a dir
        Files.createSymbolicLink(root.resolve("c/l1"), root.resolve("lb/f.txt")); // absolute, through lb
        Files.createSymbolicLink(root.resolve("a/l2"), Path.of("../c/l1")); // relative, up
        Files.createSymbolicLink(root.resolve("a/l3"), Path.of("l2")); // relative, same dir
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
    }

    private static String ok(Scripts.Result r) {
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).endsWith("\n");
        return r.stdout().substring(0, r.stdout().length() - 1);
    }

    private String realpath(String p) {
        return ok(Scripts.helper("portable-path", "realpath", p));
    }

    @Test
    void realpathFollowsASymlinkChain() throws IOException {
        String f = root.resolve("a/b/f.txt").toString();
        assertThat(realpath(root.resolve("a/l3").toString())).isEqualTo(f);
        assertThat(realpath(root.resolve("c/l1").toString())).isEqualTo(f);
        assertThat(realpath(root.resolve("lb/f.txt").toString())).isEqualTo(f);
        assertThat(realpath(root.resolve("lb").toString()))
                .isEqualTo(root.resolve("a/b").toString());
        assertThat(realpath(root.resolve("lb") + "/"))
                .isEqualTo(root.resolve("a/b").toString());
        assertThat(realpath(root + "/c/../lb/./f.txt")).isEqualTo(f);
        assertThat(realpath(tmp.resolve("a/l3").toString()))
                .isEqualTo(root.resolve("a/l3").toRealPath().toString());
        assertThat(realpath("/")).isEqualTo("/");
    }

    @Test
    void realpathOfARelativePathStartsAtTheWorkingDirectory() throws IOException {
        Scripts.Result r = Scripts.run(
                java.util.List.of(
                        "sh",
                        "-c",
                        "cd \"$1\" && \"$2\" realpath l3",
                        "sh",
                        root.resolve("a").toString(),
                        Scripts.script("portable-path").toString()),
                java.util.Map.of(),
                null);
        assertThat(ok(r)).isEqualTo(root.resolve("a/b/f.txt").toString());
    }

    @Test
    void realpathAllowsAMissingLastComponentOnly() {
        assertThat(realpath(root.resolve("lb/new.txt").toString()))
                .isEqualTo(root.resolve("a/b/new.txt").toString());
        Scripts.Result r = Scripts.helper(
                "portable-path", "realpath", root.resolve("nodir/x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stdoutBytes()).isEmpty();
        assertThat(r.stderr()).startsWith("portable-path: ").contains("nodir");
    }

    @Test
    void realpathStopsOnASymlinkLoop() {
        Scripts.Result r = Scripts.helper(
                "portable-path", "realpath", root.resolve("loop1").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).contains("too many levels of symbolic links");
    }

    @ParameterizedTest(name = "relpath {0} {1} = {2}")
    @CsvSource({
        "/a/b/c, /a/b, c", // child
        "/a/b, /a/b/c, ..", // parent
        "/a/b, /a/b, .", // same
        "/a/x, /a/y, ../x", // sibling
        "/a/x/y, /a/b/c, ../../x/y", // cousin
        "/a/b/c, /x/y, ../../a/b/c", // nothing in common
        "/, /a/b, ../..",
        "/a/b, /, a/b",
        "/ab, /a, ../ab", // a prefix that is not a path component
        "/a/./b/../c//d/, /a/c, d", // lexical folding
        "/a/b, /a/b/, .",
    })
    void relpath(String target, String base, String expected) {
        assertThat(ok(Scripts.helper("portable-path", "relpath", target, base))).isEqualTo(expected);
    }

    @Test
    void relpathOfRelativeInputsStartsAtTheWorkingDirectory() {
        assertThat(ok(Scripts.helper("portable-path", "relpath", "x/y", "x"))).isEqualTo("y");
        assertThat(ok(Scripts.helper("portable-path", "relpath", "x", "x/y/z"))).isEqualTo("../..");
    }

    @Test
    void usageErrorsExit64() {
        for (String[] args : new String[][] {
            {}, {"frob", "x"}, {"realpath"}, {"realpath", ""}, {"relpath", "a"}, {"relpath", "a", "b", "c"}
        }) {
            Scripts.Result r = Scripts.helper("portable-path", args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(64);
            assertThat(r.stdoutBytes()).isEmpty();
            assertThat(r.stderr()).startsWith("portable-path: ");
        }
    }
}
