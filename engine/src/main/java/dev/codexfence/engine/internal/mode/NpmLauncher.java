package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads the Node launcher ({@code bin/codex.js}) of an npm install of {@code @openai/codex} and finds the native
 * binary it would start, and what it would change in that binary's environment. Every generation of the launcher
 * read so far (0.1.x to 0.171) does at most this:
 * <ul>
 *   <li>starts {@code bin/codex-TRIPLE} (to 0.41; 0.1.x and 0.8 only when {@code bin/use-native} exists),
 *       {@code vendor/TRIPLE/codex/codex} (0.42 to 0.128) or {@code vendor/TRIPLE/bin/codex} (0.133 on), from the
 *       platform package {@code @openai/codex-OS-ARCH} when installed (0.100 on), else from its own package;</li>
 *   <li>puts a folder of vendored tools in front of PATH: ripgrep's ({@code @vscode/ripgrep}, 0.34 to 0.41),
 *       {@code vendor/TRIPLE/path} (0.42 to 0.133), {@code vendor/TRIPLE/codex-path} (0.133, 0.134); PATH's empty
 *       entries are dropped then;</li>
 *   <li>sets {@code CODEX_MANAGED_BY_NPM=1} (0.20 on) — or the BUN/PNPM/VITE_PLUS variant when it guesses another
 *       package manager — and {@code CODEX_MANAGED_PACKAGE_ROOT} (0.133 on), removing the other variants first
 *       (0.169 on).</li>
 * </ul>
 * Whatever the launcher does is decided from its text, never from the version number. The binary is used only
 * when the launcher's text holds no codex variable beyond these and it would pick npm as the package manager;
 * otherwise the launcher itself runs (slower, but exactly as installed).
 */
@API(status = INTERNAL, since = "0.1")
public final class NpmLauncher {

    private static final Set<String> KNOWN_VARIABLES = Set.of(
            "CODEX_MANAGED_BY_NPM",
            "CODEX_MANAGED_BY_BUN",
            "CODEX_MANAGED_BY_PNPM",
            "CODEX_MANAGED_BY_VITE_PLUS",
            "CODEX_MANAGED_PACKAGE_ROOT",
            "CODEX_RUST");
    private static final Pattern VARIABLE = Pattern.compile("\\bCODEX_[A-Z0-9_]+");
    private static final int MAX_TEXT = 256 * 1024;

    private NpmLauncher() {}

    /** How to start {@code executable} on this host. */
    public static CodexLauncher resolve(Path executable, Map<String, String> env) {
        return resolve(executable, env, Platform.current().orElse(Platform.LINUX), System.getProperty("os.arch", ""));
    }

    /** How to start {@code executable} on a host of {@code platform} and JVM architecture {@code arch}. */
    public static CodexLauncher resolve(Path executable, Map<String, String> env, Platform platform, String arch) {
        Path real;
        String text;
        try {
            real = executable.toRealPath();
            text = head(real);
        } catch (IOException e) {
            return CodexLauncher.asInstalled(executable, "cannot read " + executable + ": " + e.getMessage());
        }
        if (text.startsWith("\u007fELF")
                || text.startsWith("\u00cf\u00fa\u00ed\u00fe")
                || text.startsWith("\u00ca\u00fe\u00ba\u00be")) {
            return CodexLauncher.asInstalled(executable, "a native binary");
        }
        Path bin = real.getParent();
        Path pkg = bin == null ? null : bin.getParent();
        if (!text.startsWith("#!")
                || !text.lines().findFirst().orElse("").contains("node")
                || pkg == null
                || !bin.getFileName().toString().equals("bin")
                || !isCodexPackage(pkg)) {
            return CodexLauncher.asInstalled(executable, "not the Node launcher of an npm install of @openai/codex");
        }
        Path nodeModules = pkg.getParent() == null ? null : pkg.getParent().getParent();
        if (nodeModules == null || !nodeModules.getFileName().toString().equals("node_modules")) {
            return CodexLauncher.asInstalled(
                    executable, "the @openai/codex package is not inside a node_modules folder");
        }
        Set<String> unknown = new TreeSet<>();
        Matcher v = VARIABLE.matcher(text);
        while (v.find()) {
            if (!KNOWN_VARIABLES.contains(v.group())) {
                unknown.add(v.group());
            }
        }
        if (!unknown.isEmpty()) {
            return CodexLauncher.asInstalled(
                    executable,
                    "its Node launcher uses " + String.join(", ", unknown) + ", which codex-fence does not reproduce");
        }
        Optional<String> other = otherPackageManager(text, env, real, executable);
        if (other.isPresent()) {
            return CodexLauncher.asInstalled(
                    executable,
                    "its Node launcher would name " + other.get() + " as the package manager; run as installed");
        }
        String os = platform == Platform.MACOS ? "darwin" : "linux";
        String cpu = cpu(arch);
        if (cpu == null) {
            return CodexLauncher.asInstalled(executable, "no native codex is known for the architecture " + arch);
        }
        List<String> triples = triples(platform, cpu);
        boolean nativeOnRequest = text.contains("use-native");
        if (nativeOnRequest && !Files.exists(bin.resolve("use-native"))) {
            return CodexLauncher.asInstalled(executable, "this release runs its JavaScript CLI (no bin/use-native)");
        }

        Binary binary = findBinary(text, pkg, nodeModules.resolve("@openai/codex-" + os + "-" + cpu), triples)
                .orElse(null);
        if (binary == null) {
            return CodexLauncher.asInstalled(
                    executable, "the native codex for " + String.join(" or ", triples) + " was not found in " + pkg);
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> unset = new LinkedHashSet<>();
        List<String> prefix = null;
        if (!nativeOnRequest) {
            if (text.contains("getUpdatedPath")) {
                prefix = new ArrayList<>();
                if (text.contains("@vscode/ripgrep")) {
                    ripgrepFolder(nodeModules, os, cpu).ifPresent(prefix::add);
                }
                Path archRoot = binary.archRoot();
                if (archRoot != null
                        && binary.layout() == Layout.VENDOR_BIN
                        && text.contains("\"codex-path\"")
                        && Files.isDirectory(archRoot.resolve("codex-path"))) {
                    prefix.add(archRoot.resolve("codex-path").toString());
                }
                if (archRoot != null
                        && binary.layout() == Layout.VENDOR_CODEX
                        && text.contains("\"path\"")
                        && Files.isDirectory(archRoot.resolve("path"))) {
                    prefix.add(archRoot.resolve("path").toString());
                }
            }
            if (text.contains("delete env.CODEX_MANAGED_BY_")) {
                unset.addAll(List.of(
                        "CODEX_MANAGED_BY_NPM",
                        "CODEX_MANAGED_BY_BUN",
                        "CODEX_MANAGED_BY_PNPM",
                        "CODEX_MANAGED_BY_VITE_PLUS"));
            }
            if (text.contains("CODEX_MANAGED_PACKAGE_ROOT")) {
                set.put("CODEX_MANAGED_PACKAGE_ROOT", pkg.toString());
            }
            if (text.contains("CODEX_MANAGED_BY_NPM")) {
                set.put("CODEX_MANAGED_BY_NPM", "1");
            }
        }
        return new CodexLauncher(
                executable,
                binary.path(),
                set,
                unset,
                prefix,
                "native binary " + binary.path() + " (read from its Node launcher " + real + ")");
    }

    private enum Layout {
        BIN_TRIPLE,
        VENDOR_CODEX,
        VENDOR_BIN
    }

    private record Binary(Path path, Layout layout, Path archRoot) {}

    /** The binary the launcher would start, searched the way its generation does. */
    private static Optional<Binary> findBinary(String text, Path pkg, Path platformPackage, List<String> triples) {
        List<Path> vendorRoots = new ArrayList<>();
        if (text.contains("platformPackage") && Files.isRegularFile(platformPackage.resolve("package.json"))) {
            vendorRoots.add(platformPackage.resolve("vendor"));
        }
        if (text.contains("\"vendor\"")) {
            vendorRoots.add(pkg.resolve("vendor"));
        }
        String exe = "codex";
        for (Path vendor : vendorRoots) {
            for (String triple : triples) {
                Path archRoot = vendor.resolve(triple);
                if (Files.isRegularFile(archRoot.resolve("bin").resolve(exe)) && text.contains("\"bin\"")) {
                    return Optional.of(new Binary(archRoot.resolve("bin").resolve(exe), Layout.VENDOR_BIN, archRoot));
                }
                if (Files.isRegularFile(archRoot.resolve("codex").resolve(exe))) {
                    return Optional.of(
                            new Binary(archRoot.resolve("codex").resolve(exe), Layout.VENDOR_CODEX, archRoot));
                }
            }
            if (text.contains("platformPackage")
                    && !text.contains("legacyBinaryPath")
                    && !text.contains("localBinaryPath")
                    && vendor.startsWith(platformPackage)) {
                return Optional.empty(); // 0.140 on: a resolvable platform package without the binary is an error
            }
        }
        if (!text.contains("\"vendor\"")) {
            for (String triple : triples) {
                Path p = pkg.resolve("bin").resolve("codex-" + triple);
                if (Files.isRegularFile(p)) {
                    return Optional.of(new Binary(p, Layout.BIN_TRIPLE, null));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code dirname(require("@vscode/ripgrep").rgPath)}, when that module is installed and finds its binary. */
    private static Optional<String> ripgrepFolder(Path nodeModules, String os, String cpu) {
        Path module = nodeModules.resolve("@vscode/ripgrep");
        if (!Files.isRegularFile(module.resolve("package.json"))) {
            return Optional.empty();
        }
        Path platformRg =
                nodeModules.resolve("@vscode/ripgrep-" + os + "-" + cpu).resolve("bin/rg");
        if (Files.isRegularFile(platformRg)) {
            return Optional.of(platformRg.getParent().toString());
        }
        Path ownRg = module.resolve("bin/rg"); // @vscode/ripgrep before its platform packages
        return Files.isRegularFile(ownRg) ? Optional.of(ownRg.getParent().toString()) : Optional.empty();
    }

    /** Which other package manager the launcher's heuristics would name, if any. */
    private static Optional<String> otherPackageManager(
            String text, Map<String, String> env, Path real, Path executable) {
        if (text.contains("CODEX_MANAGED_BY_BUN")) {
            String agent = env.getOrDefault("npm_config_user_agent", "");
            boolean bun = Pattern.compile("\\bbun/").matcher(agent).find()
                    || env.getOrDefault("npm_execpath", "").contains("bun")
                    || real.toString().contains(".bun/install/global")
                    || (text.contains("BUN_INSTALL")
                            && (env.containsKey("BUN_INSTALL")
                                    || env.containsKey("BUN_INSTALL_GLOBAL_DIR")
                                    || env.containsKey("BUN_INSTALL_BIN_DIR")));
            if (bun) {
                return Optional.of("bun");
            }
        }
        if (text.contains("CODEX_MANAGED_BY_PNPM") || text.contains("CODEX_MANAGED_BY_VITE_PLUS")) {
            for (Path start :
                    List.of(real.getParent(), executable.toAbsolutePath().getParent())) {
                for (Path d = start; d != null; d = d.getParent()) {
                    if (text.contains("CODEX_MANAGED_BY_PNPM")
                            && Files.exists(d.resolve("node_modules/.modules.yaml"))) {
                        return Optional.of("pnpm");
                    }
                    if (text.contains("CODEX_MANAGED_BY_VITE_PLUS")
                            && d.getFileName() != null
                            && d.getFileName().toString().equals("packages")
                            && Files.exists(d.resolve("@openai/codex.json"))) {
                        return Optional.of("vite-plus");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isCodexPackage(Path pkg) {
        try {
            String json = Files.readString(pkg.resolve("package.json"), StandardCharsets.UTF_8);
            return json.matches("(?s).*\"name\"\\s*:\\s*\"@openai/codex\".*");
        } catch (IOException e) {
            return false;
        }
    }

    private static String cpu(String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
    }

    private static List<String> triples(Platform platform, String cpu) {
        if (platform == Platform.MACOS) {
            return List.of(cpu.equals("x64") ? "x86_64-apple-darwin" : "aarch64-apple-darwin");
        }
        return cpu.equals("x64")
                ? List.of("x86_64-unknown-linux-musl")
                : List.of("aarch64-unknown-linux-musl", "aarch64-unknown-linux-gnu");
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_TEXT);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
