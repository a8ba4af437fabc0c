package dev.codexfence.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.codexfence.testing.ApiRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** codex-fence-engine: its API is the TestEngine, the configuration keys and the record model; the rest is internal. */
class ApiBoundaryTest {

    static final Set<String> API_PACKAGES = Set.of("dev.codexfence.engine", "dev.codexfence.record");

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
}
