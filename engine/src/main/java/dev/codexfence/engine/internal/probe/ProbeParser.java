package dev.codexfence.engine.internal.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.input.InputException;
import dev.codexfence.engine.internal.input.InputFile;
import dev.codexfence.engine.internal.input.InputLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** Reads a probe file's declarations and checks the static probe contract (probes/README.md). */
@API(status = INTERNAL, since = "0.1")
public final class ProbeParser {

    public static final String SHEBANG = "#!/usr/bin/env bash";
    public static final String EMIT_RECORD = "emit-record";
    /** probe-lib.sh's function that calls emit-record with the probe's declarations: it counts as the one call. */
    public static final String FENCE_EMIT = "fence_emit";

    private static final Pattern DECLARATION = Pattern.compile(
            "^(probe_name|probe_version|primary_capability_id|secondary_capability_ids|probe_platforms|probe_tags|probe_locks)="
                    + "(?:\"([^\"]*)\"|'([^']*)'|([^\\s#;\"']*))\\s*(?:#.*)?$");
    private static final Pattern STRICT_MODE =
            Pattern.compile("^set\\s+-(?=[A-Za-z]*e)(?=[A-Za-z]*u)[A-Za-z]*o\\s+pipefail\\s*(?:#.*)?$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_.:-]+$");
    /** The words that report the observation: emit-record anywhere, fence_emit as a whole word. */
    private static final Pattern REPORT = Pattern.compile(Pattern.quote(EMIT_RECORD) + "|\\b" + FENCE_EMIT + "\\b");

    /** The largest probe script discovery reads (a probe is one operation: the corpus's largest is 4.3 KiB). */
    public static final InputLimit LIMIT = new InputLimit("a probe", InputLimit.MIB);

    private final CapabilityCatalog catalog;
    private final RecordFieldChecks fields = RecordFieldChecks.bundled();

    public ProbeParser(CapabilityCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Parses {@code file}, which sits in probe root {@code root}. Never throws for a bad probe, and never opens
     * anything but a regular file of at most {@link #LIMIT} inside the root.
     */
    public ProbeScript parse(Path root, Path file) {
        String fileName = file.getFileName().toString();
        String id = fileName.endsWith(".sh") ? fileName.substring(0, fileName.length() - 3) : fileName;
        List<ContractIssue> issues = new ArrayList<>();
        fields.id(id).ifPresent(p -> issues.add(new ContractIssue(0, p)));
        String text;
        try {
            if (!insideRoot(root, file, issues)) {
                try {
                    InputFile.check(file, LIMIT); // says what it leads to when that is no regular file; never reads
                } catch (InputException e) {
                    issues.add(new ContractIssue(0, e.problem()));
                }
                return unread(id, file, issues);
            }
            text = InputFile.readText(file, LIMIT);
        } catch (InputException e) {
            issues.add(new ContractIssue(0, e.problem()));
            return unread(id, file, issues);
        } catch (IOException | RuntimeException e) {
            issues.add(new ContractIssue(0, "cannot read the probe: " + e));
            return unread(id, file, issues);
        }
        if (!Files.isExecutable(file)) {
            issues.add(new ContractIssue(0, "not executable (chmod +x " + fileName + ")"));
        }
        String[] lines = text.split("\n", -1);
        if (text.contains("\r")) {
            issues.add(new ContractIssue(lineOf(lines, "\r"), "CRLF line endings: save the file with LF line endings"));
        }
        if (lines.length == 0 || !lines[0].equals(SHEBANG)) {
            issues.add(new ContractIssue(1, "the first line must be exactly '" + SHEBANG + "'"));
        }
        checkStrictMode(lines, issues);
        checkEmitRecord(lines, issues);

        Map<String, String> decl = new HashMap<>();
        Map<String, Integer> declLine = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DECLARATION.matcher(lines[i].strip());
            if (m.matches()) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                if (decl.putIfAbsent(m.group(1), value) != null) {
                    issues.add(new ContractIssue(i + 1, m.group(1) + " is declared twice"));
                }
                declLine.putIfAbsent(m.group(1), i + 1);
            }
        }
        String name = decl.get("probe_name");
        if (name == null) {
            issues.add(new ContractIssue(0, "no probe_name=\"" + id + "\" declaration"));
        } else if (!name.equals(id)) {
            issues.add(new ContractIssue(
                    declLine.get("probe_name"),
                    "probe_name \"" + name + "\" differs from the file name \"" + id + "\""));
        }
        String primary = decl.get("primary_capability_id");
        if (primary == null || primary.isBlank()) {
            issues.add(new ContractIssue(0, "no primary_capability_id declaration"));
            primary = null;
        } else if (!catalog.contains(primary)) {
            issues.add(new ContractIssue(
                    declLine.get("primary_capability_id"),
                    "primary capability " + primary + " is not in catalog " + catalog.schemaVersion()));
        } else {
            // a catalog's own schema should keep its ids record-worthy; a foreign catalog may not
            fields.primary(primary)
                    .ifPresent(p -> issues.add(new ContractIssue(declLine.get("primary_capability_id"), p)));
        }
        List<String> secondary = words(decl.get("secondary_capability_ids"));
        for (String s : secondary) {
            if (!catalog.contains(s)) {
                issues.add(new ContractIssue(
                        declLine.get("secondary_capability_ids"),
                        "secondary capability " + s + " is not in catalog " + catalog.schemaVersion()));
            }
        }
        for (String p :
                fields.secondary(secondary.stream().filter(catalog::contains).toList())) {
            issues.add(new ContractIssue(declLine.get("secondary_capability_ids"), p));
        }
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        for (String p : words(decl.get("probe_platforms"))) {
            try {
                platforms.add(Platform.fromId(p));
            } catch (IllegalArgumentException e) {
                issues.add(new ContractIssue(declLine.get("probe_platforms"), e.getMessage()));
            }
        }
        List<String> tags = words(decl.get("probe_tags"));
        List<String> locks = words(decl.get("probe_locks"));
        for (String t : concat(tags, locks)) {
            if (!TAG.matcher(t).matches()) {
                issues.add(new ContractIssue(
                        declLine.getOrDefault("probe_tags", 0), "invalid tag or lock name \"" + t + "\""));
            }
        }
        String version = decl.getOrDefault("probe_version", "1");
        version = version.isBlank() ? "1" : version;
        fields.version(version)
                .ifPresent(p -> issues.add(new ContractIssue(declLine.getOrDefault("probe_version", 0), p)));
        int primaryLine = declLine.getOrDefault("primary_capability_id", 1);
        return new ProbeScript(
                id, file, name, version, primary, secondary, platforms, tags, locks, primaryLine, issues);
    }

    private static ProbeScript unread(String id, Path file, List<ContractIssue> issues) {
        return new ProbeScript(id, file, null, "1", null, List.of(), Set.of(), List.of(), List.of(), 1, issues);
    }

    /** False (with the issue) for a symlink whose target leaves the probe root: such a file is never read. */
    private static boolean insideRoot(Path root, Path file, List<ContractIssue> issues) throws IOException {
        if (Files.isSymbolicLink(file)) {
            Path realRoot = root.toRealPath();
            Path target;
            try {
                target = file.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) {
                return true; // dangling: InputFile says so
            }
            if (!target.startsWith(realRoot)) {
                issues.add(new ContractIssue(0, "a symlink leaving the probe root (to " + target + ")"));
                return false;
            }
        }
        return true;
    }

    private static void checkStrictMode(String[] lines, List<ContractIssue> issues) {
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!STRICT_MODE.matcher(line).matches()) {
                issues.add(new ContractIssue(i + 1, "'set -euo pipefail' must come before any other command"));
            }
            return;
        }
        issues.add(new ContractIssue(0, "no 'set -euo pipefail'"));
    }

    /**
     * One observation: outside comments, the word emit-record (a direct call) and the word fence_emit (probe-lib.sh's
     * call with the probe's declarations) appear exactly once in all.
     */
    private static void checkEmitRecord(String[] lines, List<ContractIssue> issues) {
        List<Integer> at = new ArrayList<>();
        Set<String> words = new TreeSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = REPORT.matcher(line);
            while (m.find()) {
                at.add(i + 1);
                words.add(m.group());
            }
        }
        if (at.isEmpty()) {
            issues.add(new ContractIssue(0, "no emit-record or fence_emit call (a probe reports exactly once)"));
        } else if (at.size() > 1) {
            issues.add(new ContractIssue(
                    at.get(1),
                    String.join(" and ", words) + " appear" + (words.size() == 1 ? "s " : " ") + at.size()
                            + " times (lines " + at + "); a probe calls emit-record or fence_emit exactly once"));
        }
    }

    private static int lineOf(String[] lines, String needle) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split("\\s+")).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
