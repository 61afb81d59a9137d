package dev.stepwise.mfa.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code core} and {@code trust} plain Java (docs/design.md "Layout"): the decision must be the same whether the
 * filter or the interceptor asks, so it may not see servlet, CDI, JAX-RS or injection types, and nothing may
 * point back from the core into the adapters.
 *
 * <p>{@code dependOnClassesThat} checks the classes' own (direct) dependencies: field, parameter and return
 * types, calls, class literals and the annotations on the classes themselves. Reading
 * {@code dev.stepwise.mfa.StepUp} makes core depend on {@code StepUp}; that {@code StepUp} is in turn
 * meta-annotated with {@code @InterceptorBinding} is a dependency of the annotation module, not of core, so it
 * neither trips nor is hidden by this rule. (A {@code transitivelyDependOnClassesThat} rule would follow
 * {@code StepUp} into {@code jakarta.interceptor} and fail for the wrong reason.)
 */
class CorePurityTest {

    private static final String[] CONTAINER_APIS = {
            "jakarta.servlet..", "jakarta.enterprise..", "jakarta.ws.rs..", "jakarta.inject..", "jakarta.interceptor.."
    };

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stepwise.mfa");

    private static ArchRule noContainerApisIn(String packageIdentifier) {
        return noClasses().that().resideInAPackage(packageIdentifier)
                .should().dependOnClassesThat().resideInAnyPackage(CONTAINER_APIS)
                .because("core and trust are plain Java; the filter and the interceptor adapt to them");
    }

    @Test
    void coreDoesNotDependOnContainerApis() {
        noContainerApisIn("dev.stepwise.mfa.core..").check(MAIN_CLASSES);
    }

    @Test
    void trustDoesNotDependOnContainerApis() {
        noContainerApisIn("dev.stepwise.mfa.trust..").check(MAIN_CLASSES);
    }

    @Test
    void containerApiRuleSeesAnnotationDependencies() {
        // Self-check of the rule, not of the architecture: the annotation types ARE annotated with
        // @InterceptorBinding and @Nonbinding, so the same rule must report them. If it did not, a core class
        // annotated with, say, @ApplicationScoped would slip through the rules above.
        EvaluationResult result = noContainerApisIn("dev.stepwise.mfa").evaluate(MAIN_CLASSES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("StepUp").contains("jakarta.interceptor.InterceptorBinding"))
                .anySatisfy(line -> assertThat(line).contains("RequiresMfa").contains("jakarta.enterprise.util.Nonbinding"));
    }

    @Test
    void coreDoesNotDependOnAdapters() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.stepwise.mfa.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.mfa.web..", "dev.stepwise.mfa.cdi..")
                .because("dependencies point from web and cdi into core, never back");

        rule.check(MAIN_CLASSES);
    }

    @Test
    void coreClassesAreFreeOfCycles() {
        // One slice per top-level class (nested and anonymous classes belong to theirs): the gatekeeper builds on
        // the login and requirement rules, which never call back.
        SliceAssignment topLevelClasses = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getName();
                int nested = name.indexOf('$');
                return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
            }

            @Override
            public String getDescription() {
                return "top-level classes of dev.stepwise.mfa.core";
            }
        };

        slices().assignedFrom(topLevelClasses).should().beFreeOfCycles()
                .check(MAIN_CLASSES.that(JavaClass.Predicates.resideInAPackage("dev.stepwise.mfa.core..")));
    }
}
