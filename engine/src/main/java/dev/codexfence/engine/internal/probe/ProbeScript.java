package dev.codexfence.engine.internal.probe;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.codexfence.engine.internal.catalog.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A probe file as discovery sees it: its declarations (read statically, never executed) and the static
 * contract violations found in it.
 *
 * @param id the probe id: the file name without {@code .sh}
 * @param file the script
 * @param declaredName {@code probe_name}, or null when absent
 * @param version {@code probe_version}, default "1"
 * @param primaryCapabilityId {@code primary_capability_id}, or null when absent
 * @param secondaryCapabilityIds {@code secondary_capability_ids}, space separated
 * @param platforms {@code probe_platforms}; empty means every platform
 * @param tags {@code probe_tags}
 * @param locks {@code probe_locks}: names of resources the probe must not share with a concurrent probe
 * @param primaryLine the line declaring the primary capability (for IDE navigation), or 1
 * @param issues static contract violations; empty for a healthy probe
 */
@API(status = INTERNAL, since = "0.1")
public record ProbeScript(
        String id,
        Path file,
        String declaredName,
        String version,
        String primaryCapabilityId,
        List<String> secondaryCapabilityIds,
        Set<Platform> platforms,
        List<String> tags,
        List<String> locks,
        int primaryLine,
        List<ContractIssue> issues) {

    public ProbeScript {
        secondaryCapabilityIds = List.copyOf(secondaryCapabilityIds);
        platforms = Set.copyOf(platforms);
        tags = List.copyOf(tags);
        locks = List.copyOf(locks);
        issues = List.copyOf(issues);
    }

    public boolean healthy() {
        return issues.isEmpty();
    }

    public boolean runsOn(Platform platform) {
        return platforms.isEmpty() || platforms.contains(platform);
    }

    /** All issues as one message, one per line. */
    public String describeIssues() {
        StringBuilder sb = new StringBuilder();
        for (ContractIssue issue : issues) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(file.getFileName()).append(": ").append(issue.describe());
        }
        return sb.toString();
    }

    ProbeScript withIssue(ContractIssue issue) {
        List<ContractIssue> more = new java.util.ArrayList<>(issues);
        more.add(issue);
        return new ProbeScript(
                id,
                file,
                declaredName,
                version,
                primaryCapabilityId,
                secondaryCapabilityIds,
                platforms,
                tags,
                locks,
                primaryLine,
                more);
    }
}
