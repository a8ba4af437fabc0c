package dev.codexfence.engine.internal.expect;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a run uses expectations (configuration keys {@code codex-fence.expectations.*}, see docs/fence-map.md).
 *
 * @param enabled whether records are checked against expectations at all
 * @param file one expectations file to use whatever the stack, instead of picking one from the folder
 * @param directory the folder to pick from; empty for {@link ExpectationsFolder#defaultDirectory()}
 * @param unlisted what runs missing from the file, and entries without a probe, give
 */
@API(status = INTERNAL, since = "0.1")
public record ExpectationSettings(
        boolean enabled, Optional<Path> file, Optional<Path> directory, UnlistedPolicy unlisted) {

    public static final ExpectationSettings DEFAULT =
            new ExpectationSettings(true, Optional.empty(), Optional.empty(), UnlistedPolicy.WARN);

    public static final ExpectationSettings DISABLED =
            new ExpectationSettings(false, Optional.empty(), Optional.empty(), UnlistedPolicy.WARN);
}
