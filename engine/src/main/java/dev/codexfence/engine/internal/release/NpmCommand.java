package dev.codexfence.engine.internal.release;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.json.FenceJson;
import dev.codexfence.engine.internal.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@link Npm} through the {@code npm} command found on the given environment's PATH. */
@API(status = INTERNAL, since = "0.1")
public final class NpmCommand implements Npm {

    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final ProcessRunner runner = new ProcessRunner();
    private final Map<String, String> environment;

    /** @param environment the environment npm runs in (its PATH decides which npm) */
    public NpmCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Listing list() throws NpmException {
        JsonNode node = json(
                run(List.of("view", PACKAGE, "versions", "dist-tags", "--json"), VIEW_TIMEOUT, null),
                "npm view " + PACKAGE + " versions dist-tags");
        List<String> versions = new ArrayList<>();
        JsonNode list = node.get("versions");
        if (list == null || !list.isArray()) {
            throw new NpmException("npm view " + PACKAGE + " printed no version list: " + node);
        }
        list.forEach(v -> versions.add(v.asString()));
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode distTags = node.get("dist-tags");
        if (distTags != null && distTags.isObject()) {
            for (var e : distTags.properties()) {
                tags.put(e.getKey(), e.getValue().asString());
            }
        }
        return new Listing(versions, tags);
    }

    @Override
    public String integrity(String name, String version) throws NpmException {
        String spec = name + "@" + version;
        JsonNode node = json(
                run(List.of("view", spec, "dist.integrity", "--json"), VIEW_TIMEOUT, null),
                "npm view " + spec + " dist.integrity");
        if (!node.isString() || node.asString().isBlank()) {
            throw new NpmException("the registry gives no dist.integrity for " + spec + " (npm printed " + node + ")");
        }
        return node.asString();
    }

    @Override
    public void install(Path prefix, String version) throws NpmException {
        run(
                List.of(
                        "install",
                        "--prefix",
                        prefix.toString(),
                        "--save-exact",
                        "--ignore-scripts",
                        "--no-audit",
                        "--no-fund",
                        "--no-update-notifier",
                        "--loglevel=error",
                        PACKAGE + "@" + version),
                INSTALL_TIMEOUT,
                prefix);
    }

    private String run(List<String> args, Duration timeout, Path directory) throws NpmException {
        List<String> argv = new ArrayList<>();
        argv.add("npm");
        argv.addAll(args);
        String command = String.join(" ", argv);
        ProcessRunner.Outcome o;
        try {
            o = runner.run(
                    new ProcessRunner.Spec(argv, directory, environment, timeout, 16 << 20, 1 << 20, () -> false));
        } catch (IOException e) {
            throw new NpmException(
                    "cannot run npm (" + e.getMessage() + "); install Node.js and npm to fetch codex releases");
        }
        if (o.timedOut()) {
            throw new NpmException("`" + command + "` did not finish within " + timeout.toSeconds() + " s");
        }
        if (o.exitCode() != 0) {
            throw new NpmException("`" + command + "` failed (exit " + o.exitCode() + ")" + npmSays(o));
        }
        return new String(o.stdout(), StandardCharsets.UTF_8);
    }

    /** npm's own error lines ({@code npm error …}), else the end of its stderr. */
    private static String npmSays(ProcessRunner.Outcome o) {
        String err = new String(o.stderr(), StandardCharsets.UTF_8).strip();
        if (err.isEmpty()) {
            err = new String(o.stdout(), StandardCharsets.UTF_8).strip();
        }
        List<String> lines = new ArrayList<>();
        for (String line : err.split("\n")) {
            String l = line.strip();
            if ((l.startsWith("npm error") || l.startsWith("npm ERR!"))
                    && !l.contains("A complete log of this run")
                    && !l.matches("npm (error|ERR!)\\s*")) {
                lines.add(l);
            }
        }
        String text = lines.isEmpty() ? err : String.join("; ", lines);
        if (text.length() > 600) {
            text = text.substring(0, 600) + "…";
        }
        return text.isEmpty() ? "" : ": " + text;
    }

    private static JsonNode json(String text, String what) throws NpmException {
        try {
            return FenceJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new NpmException(what + " printed no JSON: " + text.strip());
        }
    }
}
