package dev.codexfence.engine.internal.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fake npm of src/test/fixtures/fake-npm on PATH, with its state in a folder of the test's. */
final class FakeNpm {

    static final Path SCRIPT_DIR = Path.of("src/test/fixtures/fake-npm").toAbsolutePath();
    static final Path LISTING =
            Path.of("src/test/fixtures/releases/npm-view-2026-12-01.json").toAbsolutePath();

    final Path state;

    FakeNpm(Path state) throws IOException {
        this.state = Files.createDirectories(state);
        Files.createDirectories(state.resolve("integrity"));
    }

    /** The environment that puts the fake first on PATH. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("PATH", SCRIPT_DIR + ":" + System.getenv("PATH"));
        env.put("FAKE_NPM_DIR", state.toString());
        return env;
    }

    NpmCommand npm() {
        return new NpmCommand(environment());
    }

    FakeNpm online() throws IOException {
        Files.copy(LISTING, state.resolve("listing.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    FakeNpm offline() throws IOException {
        Files.deleteIfExists(state.resolve("listing.json"));
        return this;
    }

    /** Publishes {@code version} and its linux-x64 package with these integrities. */
    FakeNpm publish(String version) throws IOException {
        Files.writeString(state.resolve("integrity/@openai+codex@" + version), "sha512-main-" + version);
        Files.writeString(
                state.resolve("integrity/@openai+codex@" + version + "-linux-x64"), "sha512-linux-" + version);
        return this;
    }

    FakeNpm tamper() throws IOException {
        Files.writeString(state.resolve("tamper"), "");
        return this;
    }

    FakeNpm slowInstall(String seconds) throws IOException {
        Files.writeString(state.resolve("install-sleep"), seconds);
        return this;
    }

    List<String> calls() throws IOException {
        Path log = state.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    long installs() throws IOException {
        return calls().stream().filter(c -> c.startsWith("install ")).count();
    }
}
