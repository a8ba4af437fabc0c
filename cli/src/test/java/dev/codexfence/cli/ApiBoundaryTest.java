package dev.codexfence.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.codexfence.testing.ApiRules;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** codex-fence-cli: an application; its one API type is {@link Main}, everything else is package-private. */
class ApiBoundaryTest {

    static final Set<String> API_PACKAGES = Set.of("dev.codexfence.cli");

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
