package dev.stepwise.mfa.factor.otp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The code factors are plain Java that the web and CDI adapters wire up: no servlet, CDI or injection types;
 * jakarta.mail only inside the email factor; no System.out/err; nothing pointing back into web or cdi.
 */
class CodeFactorPurityTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stepwise.mfa.factor.otp", "dev.stepwise.mfa.factor.email",
                    "dev.stepwise.mfa.factor.sms");

    @Test
    void noContainerApisAndNoAdapters() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.ws.rs..", "jakarta.interceptor..", "dev.stepwise.mfa.web..",
                        "dev.stepwise.mfa.cdi..")
                .check(MAIN);
    }

    @Test
    void mailOnlyInTheEmailFactor() {
        noClasses().that().resideOutsideOfPackage("dev.stepwise.mfa.factor.email..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..").check(MAIN);
    }

    @Test
    void noConsoleOutput() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(MAIN);
    }
}
