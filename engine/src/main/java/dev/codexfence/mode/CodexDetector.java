package dev.codexfence.mode;

import dev.codexfence.catalog.Platform;
import dev.codexfence.probe.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out which codex interface an installed CLI offers, by asking it ({@code --version},
 * {@code sandbox --help}, {@code debug --help}) rather than assuming one version's flags.
 */
public final class CodexDetector {

    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?)");
    private static final Pattern PROFILE_FLAG = Pattern.compile("(--permissions?-profile)\\b");
    private static final Pattern OS_SUBCOMMAND = Pattern.compile("(?m)^\\s+(linux|macos)\\s");
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
        Answer version = ask(executable, "--version");
        if (version.exit != 0) {
            return new Detection(null, "'" + executable + " --version' failed (exit " + version.exit + "): " + version.text.strip());
        }
        Matcher v = VERSION.matcher(version.text);
        String ver = v.find() ? v.group(1) : null;

        Answer sandboxHelp = ask(executable, "sandbox", "--help");
        if (sandboxHelp.exit == 0) {
            String help = sandboxHelp.text;
            Matcher flag = PROFILE_FLAG.matcher(help);
            String profileFlag = flag.find() ? flag.group(1) : null;
            if (OS_SUBCOMMAND.matcher(help).find()) {
                String os = platform == Platform.MACOS ? "macos" : "linux";
                Answer osHelp = ask(executable, "sandbox", os, "--help");
                String osText = osHelp.text;
                Matcher osFlag = PROFILE_FLAG.matcher(osText);
                return new Detection(new CodexCli(executable, ver, CodexInterface.SANDBOX_OS,
                        osFlag.find() ? osFlag.group(1) : profileFlag, osText.contains("--full-auto"), os), null);
            }
            return new Detection(new CodexCli(executable, ver, CodexInterface.SANDBOX_PROFILE, profileFlag,
                    help.contains("--full-auto"), null), null);
        }
        Answer debugHelp = ask(executable, "debug", "--help");
        if (debugHelp.exit == 0 && (debugHelp.text.contains("landlock") || debugHelp.text.contains("seatbelt"))) {
            String word = platform == Platform.MACOS ? "seatbelt" : "landlock";
            Answer wordHelp = ask(executable, "debug", word, "--help");
            return new Detection(new CodexCli(executable, ver, CodexInterface.DEBUG, null,
                    wordHelp.text.contains("--full-auto"), word), null);
        }
        return new Detection(null, "codex " + ver + " at " + executable
                + " offers neither 'codex sandbox' nor 'codex debug landlock|seatbelt'");
    }

    private record Answer(int exit, String text) {}

    private Answer ask(Path executable, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(List.of(args));
        try {
            ProcessRunner.Outcome o = runner.run(new ProcessRunner.Spec(argv, null, environment, TIMEOUT,
                    1 << 20, 1 << 20, () -> false));
            String text = new String(o.stdout(), StandardCharsets.UTF_8) + new String(o.stderr(), StandardCharsets.UTF_8);
            return new Answer(o.timedOut() ? -1 : o.exitCode(), text);
        } catch (IOException e) {
            return new Answer(-1, "cannot start: " + e.getMessage());
        }
    }
}
