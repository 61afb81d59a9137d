package dev.stepwise.mfa.factor.webauthn;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The WebAuthn factor is plain Java plus webauthn4j: the web and CDI layers adapt to it, so it may not see
 * servlet, CDI, JAX-RS or injection types, nor the library's own adapters.
 */
class WebAuthnPurityTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stepwise.mfa");

    @Test
    void webauthnDoesNotDependOnContainerApisOrAdapters() {
        noClasses().that().resideInAPackage("dev.stepwise.mfa.factor.webauthn..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "dev.stepwise.mfa.web..",
                        "dev.stepwise.mfa.cdi..")
                .because("the lead wires the factor into servlets and CDI; the factor itself stays pure")
                .check(MAIN_CLASSES);
    }
}
