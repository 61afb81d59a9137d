package dev.stepwise.mfa.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * docs/design.md "Layout": {@code web}, {@code cdi} → {@code factor}, {@code trust}, {@code store} → {@code core}. The store
 * implements the factors' and trust's SPIs, so it may see them; nothing below the adapters sees the adapters, and
 * trust (pure) does not see the store.
 */
class StoreLayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stepwise.mfa");

    @Test
    void storeDoesNotDependOnTheAdaptersOrTheServletApi() {
        noClasses().that().resideInAPackage("dev.stepwise.mfa.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.mfa.web..", "dev.stepwise.mfa.cdi..",
                        "jakarta.servlet..", "jakarta.enterprise..", "jakarta.ws.rs..")
                .because("the store takes a DataSource; the web layer looks it up and wires it")
                .check(MAIN);
    }

    @Test
    void trustDoesNotDependOnTheStoreOrTheAdapters() {
        noClasses().that().resideInAPackage("dev.stepwise.mfa.trust..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.mfa.store..", "dev.stepwise.mfa.web..",
                        "dev.stepwise.mfa.cdi..", "java.sql..", "javax.sql..")
                .because("trust is pure: it defines the SPIs the store implements")
                .check(MAIN);
    }

    @Test
    void coreDoesNotDependOnTheStore() {
        noClasses().that().resideInAPackage("dev.stepwise.mfa.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.mfa.store..", "java.sql..", "javax.sql..")
                .check(MAIN);
    }
}
