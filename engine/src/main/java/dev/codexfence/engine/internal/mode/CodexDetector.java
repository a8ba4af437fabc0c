package dev.codexfence.engine.internal.mode;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Finds out which codex interface an installed CLI offers by asking it: {@code --version}, {@code --help} (which
 * subcommands exist), then the help of {@code sandbox}, {@code sandbox linux|macos} or {@code debug landlock|seatbelt}
 * (which options they take). Never from the version number: early releases answer {@code codex sandbox --help} with
 * their top-level help (exit 0), so a subcommand counts only when the help's own usage line names it.
 */
@API(status = INTERNAL, since = "0.1")
public final class CodexDetector {

    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?)");
    private static final Pattern OPTION = Pattern.compile("(?m)^[ ]{1,8}(?:-[A-Za-z],[ ]+)?(--[a-z][a-z0-9-]*)");
    private static final Pattern PROFILE_FLAG = Pattern.compile("--permissions?-profile");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ProcessRunner runner;
    private final Map<String, String> environment;

    public CodexDetector(ProcessRunner runner, Map<String, String> environment) {
        this.runner = runner;
        this.environment = environment;
    }

    /** Detection result: the CLI, or why the codex modes cannot run. */
    public record Detection(CodexCli cli, String problem) {
        public boolean found() {
            return cli != null;
        }
    }

    public Detection detect(Path executable, Platform platform) {
        CodexLauncher launcher = NpmLauncher.resolve(executable, environment);
        Answer version = ask(launcher, "--version");
        if (version.exit != 0) {
            return new Detection(
                    null,
                    "'" + executable + " --version' "
                            + (version.exit == -1 ? "did not run" : "failed (exit " + version.exit + ")") + ": "
                            + oneLine(version.text));
        }
        Matcher v = VERSION.matcher(version.text);
        String ver = v.find() ? v.group(1) : null;

        Answer top = ask(launcher, "--help");
        Set<String> commands = commands(top.text);
        String os = platform == Platform.MACOS ? "macos" : "linux";
        String engine = platform == Platform.MACOS ? "seatbelt" : "landlock";
        if (commands.contains("sandbox")) {
            Answer help = ask(launcher, "sandbox", "--help");
            if (help.exit == 0 && usageNames(help.text, "sandbox")) {
                Set<String> sub = commands(help.text);
                if (sub.contains(os)) {
                    Answer osHelp = ask(launcher, "sandbox", os, "--help");
                    if (osHelp.exit == 0 && usageNames(osHelp.text, "sandbox " + os)) {
                        return found(launcher, ver, CodexInterface.SANDBOX_OS, List.of("sandbox", os), osHelp.text);
                    }
                    return new Detection(
                            null,
                            "codex " + ver + ": 'codex sandbox " + os + " --help' failed: " + oneLine(osHelp.text));
                }
                if (!sub.contains("linux") && !sub.contains("macos")) {
                    return found(launcher, ver, CodexInterface.SANDBOX_PROFILE, List.of("sandbox"), help.text);
                }
                return new Detection(
                        null,
                        "codex " + ver + " offers 'codex sandbox' for other systems only (" + String.join(", ", sub)
                                + ")");
            }
        }
        if (commands.contains("debug")) {
            Answer help = ask(launcher, "debug", engine, "--help");
            if (help.exit == 0 && usageNames(help.text, "debug " + engine)) {
                return found(launcher, ver, CodexInterface.DEBUG, List.of("debug", engine), help.text);
            }
        }
        if (top.exit != 0) {
            return new Detection(
                    null, "'" + executable + " --help' failed (exit " + top.exit + "): " + oneLine(top.text));
        }
        return new Detection(
                null,
                "codex " + ver + " at " + executable + " offers neither 'codex sandbox' nor 'codex debug " + engine
                        + "' (its commands: " + (commands.isEmpty() ? "none listed" : String.join(", ", commands))
                        + ")");
    }

    private static Detection found(
            CodexLauncher launcher, String version, CodexInterface kind, List<String> subcommand, String help) {
        Set<String> flags = options(help);
        String profileFlag = flags.stream()
                .filter(f -> PROFILE_FLAG.matcher(f).matches())
                .findFirst()
                .orElse(null);
        return new Detection(
                new CodexCli(launcher, version, kind, new SandboxOptions(subcommand, flags, profileFlag)), null);
    }

    /** The long options a help text lists (lines such as {@code   -C, --cd <DIR>} or {@code       --full-auto}). */
    static Set<String> options(String help) {
        Set<String> flags = new LinkedHashSet<>();
        Matcher m = OPTION.matcher(optionsSection(help));
        while (m.find()) {
            flags.add(m.group(1));
        }
        return flags;
    }

    /** The subcommands a help text lists under {@code Commands:}. */
    static Set<String> commands(String help) {
        Set<String> names = new LinkedHashSet<>();
        boolean in = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("Commands:")) {
                in = true;
                continue;
            }
            if (in) {
                if (!line.startsWith(" ") || line.isBlank()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    break;
                }
                Matcher m = Pattern.compile("^ {1,4}([a-z][a-z0-9-]*)\\b").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Whether the help's usage line is that of {@code codex WORDS} (the binary may call itself anything). */
    static boolean usageNames(String help, String words) {
        for (String line : help.split("\n")) {
            if (line.startsWith("Usage: ")) {
                String[] parts = line.substring(7).strip().split("\\s+");
                String[] want = words.split(" ");
                if (parts.length <= want.length) {
                    return false;
                }
                for (int i = 0; i < want.length; i++) {
                    if (!parts[i + 1].equals(want[i])) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String optionsSection(String help) {
        int at = help.indexOf("\nOptions:");
        return at < 0 ? help : help.substring(at);
    }

    private static String oneLine(String text) {
        String t = text.strip().replaceAll("\\s*\n\\s*", " | ");
        return t.length() > 400 ? t.substring(0, 400) + "…" : t;
    }

    private record Answer(int exit, String text) {}

    private Answer ask(CodexLauncher launcher, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(launcher.program().toString());
        argv.addAll(List.of(args));
        try {
            ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(
                    argv, null, launcher.environment(environment), TIMEOUT, 1 << 20, 1 << 20, () -> false));
            String text =
                    new String(o.stdout(), StandardCharsets.UTF_8) + new String(o.stderr(), StandardCharsets.UTF_8);
            return new Answer(o.timedOut() ? -1 : o.exitCode(), text);
        } catch (IOException e) {
            return new Answer(-1, "cannot start: " + e.getMessage());
        }
    }
}
