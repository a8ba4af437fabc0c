package dev.codexfence.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The rules of API vs internals (docs/engine.md, "Artifacts"), for one module's main classes: every public
 * top-level type is either in one of the module's API packages and marked {@code @API} with a supported status,
 * or in a {@code ..internal..} package and marked {@code @API(status = INTERNAL)}; no public or protected member
 * of a public API type names a JSON library, the schema validator, picocli or an internal type.
 */
public final class ApiRules {

    /** Packages whose types no API signature may name. */
    public static final List<String> FORBIDDEN_IN_API =
            List.of("tools.jackson..", "com.fasterxml..", "com.networknt..", "picocli..", "..internal..");

    private ApiRules() {}

    /** This module's main classes ({@code target/classes}, the working directory being the module's folder). */
    public static JavaClasses mainClasses() {
        Path classes = Path.of("target/classes").toAbsolutePath();
        assertThat(classes).as("the module's compiled classes").isDirectory();
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        assertThat(imported).as("classes imported from %s", classes).isNotEmpty();
        return imported;
    }

    private static boolean internal(String packageName) {
        return (packageName + ".").contains(".internal.");
    }

    /** Public top-level types: in {@code apiPackages} and marked as API, or internal and marked INTERNAL. */
    public static ArchRule publicTypesAreMarked(Set<String> apiPackages) {
        return classes()
                .that()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should(
                        new ArchCondition<JavaClass>("be in an API package " + new TreeSet<>(apiPackages)
                                + " and marked @API(status = STABLE, MAINTAINED, EXPERIMENTAL or DEPRECATED), or be in an"
                                + " ..internal.. package and marked @API(status = INTERNAL)") {
                            @Override
                            public void check(JavaClass type, ConditionEvents events) {
                                String problem = markProblem(type, apiPackages);
                                events.add(new SimpleConditionEvent(
                                        type,
                                        problem == null,
                                        type.getName()
                                                + (problem == null ? " is marked as it should be" : ": " + problem)));
                            }
                        });
    }

    private static String markProblem(JavaClass type, Set<String> apiPackages) {
        boolean internal = internal(type.getPackageName());
        if (!internal && !apiPackages.contains(type.getPackageName())) {
            return "public, but neither in an API package nor in an ..internal.. package";
        }
        if (!type.isAnnotatedWith(API.class)) {
            return "public, but without @API";
        }
        API api = type.getAnnotationOfType(API.class);
        if (api.since().isBlank()) {
            return "@API without since";
        }
        if (internal != (api.status() == API.Status.INTERNAL)) {
            return internal
                    ? "in an internal package, but @API(status = " + api.status() + ")"
                    : "in an API package, but @API(status = INTERNAL): move it to an internal package";
        }
        return null;
    }

    /** No public or protected member, supertype or constant of a public API type names a forbidden type. */
    public static ArchRule apiSignaturesNameNoForbiddenTypes(Set<String> apiPackages) {
        DescribedPredicate<JavaClass> forbidden = DescribedPredicate.describe(
                "forbidden in API signatures",
                c -> FORBIDDEN_IN_API.stream()
                        .anyMatch(p -> PackageMatcher.of(p).matches(c.getPackageName())));
        return classes()
                .that()
                .arePublic()
                .and(DescribedPredicate.describe(
                        "in an API package", (JavaClass c) -> apiPackages.contains(c.getPackageName())))
                .should(
                        new ArchCondition<JavaClass>(
                                "name no type of " + FORBIDDEN_IN_API + " in a public or protected signature") {
                            @Override
                            public void check(JavaClass type, ConditionEvents events) {
                                List<String> found = forbiddenMentions(type, forbidden);
                                events.add(new SimpleConditionEvent(
                                        type,
                                        found.isEmpty(),
                                        found.isEmpty()
                                                ? type.getName() + " has a clean signature"
                                                : type.getName() + " names " + String.join("; ", found)));
                            }
                        });
    }

    private static List<String> forbiddenMentions(JavaClass type, DescribedPredicate<JavaClass> forbidden) {
        List<String> found = new ArrayList<>();
        List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
        type.getSuperclass().ifPresent(supertypes::add);
        for (JavaType t : supertypes) {
            note(found, "supertype", t, forbidden);
        }
        for (JavaMember member : type.getMembers()) {
            Set<JavaModifier> mods = member.getModifiers();
            if (!(mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                    || mods.contains(JavaModifier.SYNTHETIC)
                    || mods.contains(JavaModifier.BRIDGE)) {
                continue;
            }
            if (member instanceof JavaField field) {
                note(found, field.getName(), field.getType(), forbidden);
            } else if (member instanceof JavaCodeUnit code) {
                note(found, code.getName() + " returns", code.getReturnType(), forbidden);
                for (JavaType p : code.getParameterTypes()) {
                    note(found, code.getName() + " takes", p, forbidden);
                }
                code.getThrowsClause().getTypes().forEach(t -> note(found, code.getName() + " throws", t, forbidden));
            }
        }
        return found;
    }

    private static void note(List<String> found, String where, JavaType type, DescribedPredicate<JavaClass> forbidden) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (forbidden.test(raw)) {
                found.add(where + " " + raw.getName());
            }
        }
    }

    /** The module's classes use of the engine's internals stays within {@code allowed} (packages, exact). */
    public static ArchRule engineInternalsUsedOnlyFrom(Set<String> allowed) {
        return noClasses()
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in an engine internal package other than " + new TreeSet<>(allowed),
                        (JavaClass c) -> c.getPackageName().startsWith("dev.codexfence.engine.internal")
                                && !allowed.contains(c.getPackageName())));
    }
}
