package dev.codexfence.engine.internal.mode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexfence.engine.internal.catalog.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the native binary behind an npm install and what its Node launcher would set, on install layouts built
 * here with launchers that use each generation's constructs (the real launchers are checked against real releases
 * in CodexGenerationsTest).
 */
class NpmLauncherTest {

    @TempDir
    Path tmp;

    private static final String TRIPLE = "x86_64-unknown-linux-musl";

    /** An npm install folder with @openai/codex whose bin/codex.js is {@code launcherText}. */
    private Path install(String launcherText) throws IOException {
        Path pkg = Files.createDirectories(tmp.resolve("node_modules/@openai/codex/bin"));
        Files.writeString(
                pkg.getParent().resolve("package.json"), "{\"name\": \"@openai/codex\", \"version\": \"1.0.0\"}");
        Files.writeString(pkg.resolve("codex.js"), "#!/usr/bin/env node\nimport path from \"path\";\n" + launcherText);
        Files.createDirectories(tmp.resolve("node_modules/.bin"));
        Path link = tmp.resolve("node_modules/.bin/codex");
        Files.createSymbolicLink(link, Path.of("../@openai/codex/bin/codex.js"));
        return link;
    }

    private Path file(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "binary");
        return p;
    }

    private static CodexLauncher resolve(Path launcher, Map<String, String> env) {
        return NpmLauncher.resolve(launcher, env, Platform.LINUX, "amd64");
    }

    @Test
    void newestLayoutPlatformPackageBinaryPackageRootAndManagerVariables() throws IOException {
        Path launcher = install(
                "const platformPackage = PLATFORM_PACKAGE_BY_TARGET[t]; vendorRoot = path.join(__dirname, \"..\","
                        + " \"vendor\"); path.join(vendorRoot, targetTriple, \"bin\", name);\n"
                        + "env.CODEX_MANAGED_PACKAGE_ROOT = root; delete env.CODEX_MANAGED_BY_NPM; delete env.CODEX_MANAGED_BY_BUN;"
                        + " env[\"CODEX_MANAGED_BY_NPM\"] = \"1\"; // CODEX_MANAGED_BY_PNPM CODEX_MANAGED_BY_VITE_PLUS\n");
        file("node_modules/@openai/codex-linux-x64/package.json");
        Path binary = file("node_modules/@openai/codex-linux-x64/vendor/" + TRIPLE + "/bin/codex");
        file("node_modules/@openai/codex-linux-x64/vendor/" + TRIPLE + "/codex-path/rg");

        CodexLauncher l = resolve(launcher, Map.of());
        assertThat(l.direct()).isTrue();
        assertThat(l.program()).isEqualTo(binary.toRealPath());
        assertThat(l.pathPrefix()).isNull(); // this generation leaves PATH alone (codex adds codex-path itself)
        assertThat(l.set())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "CODEX_MANAGED_BY_NPM",
                        "1",
                        "CODEX_MANAGED_PACKAGE_ROOT",
                        tmp.resolve("node_modules/@openai/codex").toRealPath().toString()));
        assertThat(l.unset()).contains("CODEX_MANAGED_BY_BUN", "CODEX_MANAGED_BY_PNPM");
    }

    @Test
    void vendorCodexLayoutPutsItsPathFolderFirstAndDropsEmptyPathEntries() throws IOException {
        Path launcher = install("const vendorRoot = path.join(__dirname, \"..\", \"vendor\"); const archRoot ="
                + " path.join(vendorRoot, targetTriple); const binaryPath = path.join(archRoot, \"codex\", name);\n"
                + "const pathDir = path.join(archRoot, \"path\"); const updatedPath = getUpdatedPath(dirs);\n"
                + "env.CODEX_MANAGED_BY_NPM = \"1\"; // CODEX_MANAGED_BY_BUN\n");
        Path binary = file("node_modules/@openai/codex/vendor/" + TRIPLE + "/codex/codex");
        Path rg = file("node_modules/@openai/codex/vendor/" + TRIPLE + "/path/rg");

        CodexLauncher l = resolve(launcher, Map.of());
        assertThat(l.program()).isEqualTo(binary.toRealPath());
        assertThat(l.pathPrefix()).containsExactly(rg.getParent().toRealPath().toString());
        assertThat(l.environment(Map.of("PATH", ":/usr/bin::/bin")).get("PATH"))
                .isEqualTo(rg.getParent().toRealPath() + ":/usr/bin:/bin");
        assertThat(l.environment(Map.of()).get("PATH"))
                .isEqualTo(rg.getParent().toRealPath().toString());
    }

    @Test
    void binTripleLayoutAddsRipgrepsFolderWhenThatModuleIsInstalled() throws IOException {
        Path launcher = install(
                "const binaryPath = path.join(__dirname, \"..\", \"bin\", `codex-${targetTriple}`);\n"
                        + "await tryImport(\"@vscode/ripgrep\"); getUpdatedPath(additionalDirs); env CODEX_MANAGED_BY_NPM: \"1\"\n");
        Path binary = file("node_modules/@openai/codex/bin/codex-" + TRIPLE);
        file("node_modules/@vscode/ripgrep/package.json");
        Path rg = file("node_modules/@vscode/ripgrep-linux-x64/bin/rg");

        CodexLauncher l = resolve(launcher, Map.of());
        assertThat(l.program()).isEqualTo(binary.toRealPath());
        assertThat(l.pathPrefix()).containsExactly(rg.getParent().toRealPath().toString());
        assertThat(l.set()).containsExactly(Map.entry("CODEX_MANAGED_BY_NPM", "1"));
    }

    @Test
    void theFirstReleasesRunTheirBinaryOnlyWhenUseNativeIsThereAndSetNothing() throws IOException {
        Path launcher =
                install("const wantsNative = fs.existsSync(path.join(__dirname, \"use-native\")) || CODEX_RUST;\n"
                        + "const binaryPath = path.join(__dirname, \"..\", \"bin\", `codex-${targetTriple}`);\n");
        Path binary = file("node_modules/@openai/codex/bin/codex-" + TRIPLE);
        assertThat(resolve(launcher, Map.of()).direct()).isFalse();
        file("node_modules/@openai/codex/bin/use-native");
        CodexLauncher l = resolve(launcher, Map.of());
        assertThat(l.program()).isEqualTo(binary.toRealPath());
        assertThat(l.set()).isEmpty();
        assertThat(l.pathPrefix()).isNull();
    }

    @Test
    void anythingNotReproducedRunsTheLauncherAsInstalled() throws IOException {
        Path launcher = install("const vendorRoot = path.join(__dirname, \"..\", \"vendor\");"
                + " path.join(archRoot, \"codex\", name); env.CODEX_MANAGED_BY_NPM = 1; env.CODEX_SOMETHING_NEW = 1;"
                + " // CODEX_MANAGED_BY_BUN .bun/install/global\n");
        file("node_modules/@openai/codex/vendor/" + TRIPLE + "/codex/codex");
        CodexLauncher unknown = resolve(launcher, Map.of());
        assertThat(unknown.direct()).isFalse();
        assertThat(unknown.program()).isEqualTo(launcher);
        assertThat(unknown.note()).contains("CODEX_SOMETHING_NEW");
        assertThat(unknown.environment(Map.of("PATH", "/x"))).isEqualTo(Map.of("PATH", "/x"));

        Files.writeString(
                tmp.resolve("node_modules/@openai/codex/bin/codex.js"),
                Files.readString(tmp.resolve("node_modules/@openai/codex/bin/codex.js"))
                        .replace("env.CODEX_SOMETHING_NEW = 1;", ""));
        assertThat(resolve(launcher, Map.of()).direct()).isTrue();
        CodexLauncher bun = resolve(launcher, Map.of("npm_config_user_agent", "bun/1.2.0 npm/? node/v22"));
        assertThat(bun.direct()).isFalse();
        assertThat(bun.note()).contains("would name bun as the package manager");
        assertThat(resolve(launcher, Map.of()).direct()).isTrue();
        assertThat(NpmLauncher.resolve(launcher, Map.of(), Platform.LINUX, "riscv64")
                        .note())
                .isEqualTo("no native codex is known for the architecture riscv64");
    }

    @Test
    void aNativeBinaryOrAnUnrelatedScriptRunsAsItIs() throws IOException {
        Path elf = tmp.resolve("codex");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        assertThat(resolve(elf, Map.of()).note()).isEqualTo("a native binary");
        Path script = tmp.resolve("other");
        Files.writeString(script, "#!/bin/sh\nexec codex \"$@\"\n");
        assertThat(resolve(script, Map.of()).note())
                .isEqualTo("not the Node launcher of an npm install of @openai/codex");
        assertThat(resolve(tmp.resolve("missing"), Map.of()).note()).startsWith("cannot read ");
        assertThat(List.of(
                        resolve(elf, Map.of()).direct(),
                        resolve(script, Map.of()).direct()))
                .containsOnly(false);
    }
}
