package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.OptionalApis;
import org.junit.jupiter.api.Test;

import java.net.URLClassLoader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server without Jakarta Mail (a Web Profile server) must be able to deploy the library when email is not
 * offered. CDI introspects every bean class (its fields, constructors and methods) at deployment, so no class of
 * the library outside the email factor may name a Jakarta Mail type in a signature. Checked by loading every
 * class of the library in a class loader that has no Jakarta Mail and reflecting on it as CDI does.
 */
class MailOptionalTest {

    private static URLClassLoader withoutMail() {
        return OptionalApis.without("a server without Jakarta Mail", "jakarta.mail.", "org.eclipse.angus.mail.",
                "com.sun.mail.");
    }

    @Test
    void noClassOutsideTheEmailFactorNamesAMailTypeInASignature() throws Exception {
        assertThat(OptionalApis.libraryClasses()).contains(BuiltInFactors.class.getName());
        try (URLClassLoader withoutMail = withoutMail()) {
            // the email factor itself needs Mail, and MailSessions builds its mailer: loaded only when email is offered
            assertThat(OptionalApis.failingClasses(withoutMail,
                    Set.of("dev.stepwise.mfa.factor.email.", MailSessions.class.getName()))).isEmpty();
        }
    }

    @Test
    void whatNamesMailOutsideTheFactorIsNoBean() {
        assertThat(MailSessions.class.getAnnotations()).isEmpty(); // bean-discovery-mode="annotated": not a bean
    }

    @Test
    void theCheckSeesMailTypes() throws Exception {
        try (URLClassLoader withoutMail = withoutMail()) {
            Class<?> mailer = Class.forName("dev.stepwise.mfa.factor.email.CodeMailer", false, withoutMail);
            assertThatThrownBy(mailer::getDeclaredConstructors).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("jakarta/mail");
        }
    }
}
