package dev.codexfence.engine.internal.ndjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexfence.engine.internal.files.ExclusiveFiles;
import dev.codexfence.engine.internal.report.FenceMapReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's output files: private, created exclusively, renamed into place, never written through a symlink. */
class RecordLogTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theFolderIsMadePrivateAndTheFilesAre0600() throws IOException {
        Path file = tmp.resolve("out/deeper/run.ndjson");
        RecordLog log = RecordLog.open(file);
        assertThat(mode(file.getParent())).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("out"))).isEqualTo("rwx------");
        assertThat(mode(file.resolveSibling("run.ndjson.partial"))).isEqualTo("rw-------");
        log.close();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(file.resolveSibling("run.ndjson.partial")).doesNotExist();
        assertThat(log.tampering()).isEmpty();
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("run.ndjson");
        }
    }

    @Test
    void anExistingPartialFileIsAnErrorNotWrittenThrough() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep");
        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("run.ndjson.partial"), victim);
        assertThatThrownBy(() -> RecordLog.open(out.resolve("run.ndjson")))
                .hasMessage(
                        out.resolve("run.ndjson.partial") + " already exists (left by another run, or planted);"
                                + " codex-fence does not write through an existing entry: remove it, or choose another output folder");
        assertThat(Files.readString(victim)).isEqualTo("keep");
    }

    @Test
    void symlinksPlantedDuringTheRunAreReplacedOrLeftAloneAndTheSwapIsReported() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep");
        Path out = tmp.resolve("out");
        Path file = out.resolve("run.ndjson");
        RecordLog log = RecordLog.open(file);
        Path partial = out.resolve("run.ndjson.partial");
        Files.delete(partial);
        Files.createSymbolicLink(partial, victim);
        Files.createSymbolicLink(out.resolve("run.ndjson.tmp"), victim);
        Files.createSymbolicLink(file, victim);
        log.close();
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(partial).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("run.ndjson.tmp"))).isTrue();
        assertThat(log.tampering())
                .hasValue(
                        "harness integrity: the run's partial NDJSON file " + partial + " was replaced"
                                + " while probes ran (the final file run.ndjson is complete: it is written from the harness's memory)");
    }

    @Test
    void anOutputFolderOthersMayWriteIsRefused() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> RecordLog.open(open.resolve("run.ndjson")))
                .hasMessageStartingWith("output folder " + open + " is writable by every user (mode rwxrwxrwx)");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> RecordLog.open(file.resolve("run.ndjson")))
                .hasMessage("output folder " + file + " is not a directory");
    }

    @Test
    void theFenceMapAndExpectationsAreRenamedIntoPlaceNotWrittenThroughASymlink() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep");
        Path map = tmp.resolve("map.html");
        Files.createSymbolicLink(map, victim);
        FenceMapReport.withDefaults().write(map, List.of("test"), List.of());
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(Files.isRegularFile(map, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(mode(map)).isEqualTo("rw-------");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("map.html", "victim");
        }
    }

    @Test
    void exclusiveCreationRefusesAnyExistingName() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), victim);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        for (Path p : List.of(victim, link, dangling)) {
            assertThatThrownBy(() ->
                            ExclusiveFiles.create(p, ExclusiveFiles.PRIVATE).close())
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        }
        assertThat(tmp.resolve("nowhere")).doesNotExist();
        assertThat(Files.readString(victim)).isEqualTo("keep");
    }
}
