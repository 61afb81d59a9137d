package dev.stepwise.mfa.factor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The TOTP and recovery factors are plain Java: the CDI and web layers adapt them, never the other way. */
class FactorPurityTest {

    private final JavaClasses factors = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stepwise.mfa.factor");

    @Test
    void totpAndRecoveryUseNoJakartaApi() {
        noClasses().that().resideInAnyPackage("..factor.totp..", "..factor.recovery..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.servlet..", "javax.inject..")
                .check(factors);
    }

    @Test
    void totpAndRecoveryDoNotReachIntoWebOrCdi() {
        noClasses().that().resideInAnyPackage("..factor.totp..", "..factor.recovery..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.mfa.web..", "dev.stepwise.mfa.cdi..")
                .check(factors);
    }
}
