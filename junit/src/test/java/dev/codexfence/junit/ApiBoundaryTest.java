package dev.codexfence.junit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.codexfence.testing.ApiRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * codex-fence-junit: all of it is API (the extension, its annotations and FenceProbes, the AssertJ entry points);
 * what is not API is package-private. Running a probe needs the engine's run machinery, which has no API of its own
 * (docs/engine.md, "Artifacts"): the engine internals this module may use are the listed packages, and no more.
 */
class ApiBoundaryTest {

    static final Set<String> API_PACKAGES = Set.of("dev.codexfence.junit", "dev.codexfence.assertj");

    /** What PolicySession/PolicySettings need to run a probe, and what RunRecords needs to read NDJSON. */
    static final Set<String> ENGINE_INTERNALS_USED = Set.of(
            "dev.codexfence.engine.internal.catalog", "dev.codexfence.engine.internal.config",
            "dev.codexfence.engine.internal.files", "dev.codexfence.engine.internal.input",
            "dev.codexfence.engine.internal.mode", "dev.codexfence.engine.internal.ndjson",
            "dev.codexfence.engine.internal.probe", "dev.codexfence.engine.internal.run");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = ApiRules.mainClasses();
    }

    @Test
    void everyPublicTypeIsMarkedApiOrInternal() {
        ApiRules.publicTypesAreMarked(API_PACKAGES).check(classes);
    }

    @Test
    void apiSignaturesNameNoJsonLibraryNoCliLibraryAndNoInternalType() {
        ApiRules.apiSignaturesNameNoForbiddenTypes(API_PACKAGES).check(classes);
    }

    @Test
    void usesOnlyTheListedEngineInternals() {
        ApiRules.engineInternalsUsedOnlyFrom(ENGINE_INTERNALS_USED).check(classes);
    }
}
