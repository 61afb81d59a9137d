package dev.stepwise.mfa;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture docs/design.md draws, as rules that fail the build: the pure core at the bottom; factors, trust,
 * the store and the audit events on it; {@code runtime} (the configured wiring) above them; {@code http} (what the
 * servlet filter and the CDI interceptor share) above that; {@code web} and {@code cdi} as sibling adapters on top,
 * neither importing the other; {@code metrics} (the optional counters and readiness check) beside them, reading
 * events, the runtime and the store. No cycles between packages, and none between classes.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.stepwise.mfa";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage(ROOT + "..")
                .layer("Annotations").definedBy(ROOT)
                .layer("Core").definedBy(ROOT + ".core..")
                .layer("Events").definedBy(ROOT + ".event..")
                .layer("Factors").definedBy(ROOT + ".factor..")
                .layer("Trust").definedBy(ROOT + ".trust..")
                .layer("Store").definedBy(ROOT + ".store..")
                .layer("Runtime").definedBy(ROOT + ".runtime..")
                .layer("Http").definedBy(ROOT + ".http..")
                .layer("Web").definedBy(ROOT + ".web..")
                .layer("Cdi").definedBy(ROOT + ".cdi..")
                .layer("Metrics").definedBy(ROOT + ".metrics..")
                .whereLayer("Web").mayNotBeAccessedByAnyLayer()
                .whereLayer("Metrics").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cdi").mayNotBeAccessedByAnyLayer()
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Web", "Cdi")
                .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Http", "Web", "Cdi", "Metrics")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Runtime", "Http", "Web", "Cdi", "Metrics")
                .whereLayer("Trust").mayOnlyBeAccessedByLayers("Store", "Runtime", "Http", "Web", "Cdi")
                .whereLayer("Factors").mayOnlyBeAccessedByLayers("Store", "Runtime", "Http", "Web", "Cdi")
                .whereLayer("Events").mayOnlyBeAccessedByLayers("Factors", "Runtime", "Http", "Web", "Cdi", "Metrics")
                .check(MAIN);
    }

    @Test
    void cdiImportsNothingFromWeb() {
        noClasses().that().resideInAPackage(ROOT + ".cdi..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
                .check(MAIN);
    }

    @Test
    void onlyTheWiringKnowsTheBuiltInFactorsClasses() {
        // Pages, the filter, the interceptors and the admin API reach a factor through the Factor SPI and the
        // capabilities it declares, never by testing for or casting to a concrete factor class.
        // (The store implements the factors' storage SPIs, so it is not among the adapters checked here.)
        noClasses().that().resideInAnyPackage(ROOT + ".runtime..", ROOT + ".http..", ROOT + ".web..", ROOT + ".cdi..")
                .and().doNotHaveFullyQualifiedName(ROOT + ".cdi.BuiltInFactors")
                .and().doNotHaveFullyQualifiedName(ROOT + ".cdi.MailSessions")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".factor.totp..", ROOT + ".factor.sms..",
                        ROOT + ".factor.email..", ROOT + ".factor.recovery..", ROOT + ".factor.webauthn..",
                        ROOT + ".factor.otp..")
                .check(MAIN);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noCyclesBetweenClasses() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                JavaClass top = javaClass;
                while (top.getEnclosingClass().isPresent()) {
                    top = top.getEnclosingClass().get();
                }
                return top.getPackageName().startsWith(ROOT) ? SliceIdentifier.of(top.getName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "top-level classes";
            }
        }).should().beFreeOfCycles().check(MAIN);
    }
}
