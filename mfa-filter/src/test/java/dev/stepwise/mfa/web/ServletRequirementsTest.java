package dev.stepwise.mfa.web;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import dev.stepwise.mfa.core.AnnotatedRequirements;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.core.Requirements;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How a servlet's annotations become requirements per HTTP method, and which placements fail the deployment
 * because the filter would never read them (issue 10: "annotations on service() or on an interface method are
 * ignored without a word").
 */
class ServletRequirementsTest {

    private static final AnnotatedRequirements ANNOTATIONS = new AnnotatedRequirements(Duration.ofMinutes(5));
    private static final Requirement STEP_UP_2M = Requirement.stepUp(Duration.ofMinutes(2));

    private static Requirements forMethod(Class<?> servlet, String method) {
        return ServletRequirements.of(servlet, ANNOTATIONS).forMethod(method);
    }

    // --- fixtures: small servlets ----------------------------------------------------------------------------

    static class GuardedService extends HttpServlet {
        @Override
        @StepUp(maxAge = "PT2M")
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    static class ServiceAndHandler extends HttpServlet {
        @Override
        @RequiresMfa(roles = "admin")
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
        }

        @Override
        @StepUp(maxAge = "PT2M", factors = WEBAUTHN)
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    static class PlainHandlers extends HttpServlet {
        @Override
        @StepUp(maxAge = "PT2M")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    interface Transfers {
        @StepUp
        void doPost(HttpServletRequest req, HttpServletResponse resp);
    }

    static class ImplementsAnnotatedInterface extends HttpServlet implements Transfers {
        @Override
        public void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    interface Audited {
        @RequiresMfa
        default void audit() {
        }
    }

    interface AuditedTransfers extends Audited {
    }

    static class Base extends HttpServlet implements AuditedTransfers {
    }

    static class InheritsAnnotatedInterface extends Base {
    }

    static class AnnotatedHelper extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            transfer();
        }

        @StepUp
        void transfer() {
        }
    }

    static class AnnotatedGenericService extends HttpServlet {
        @Override
        @StepUp
        public void service(ServletRequest req, ServletResponse res) {
        }
    }

    static class AnnotatedBase extends HttpServlet {
        @Override
        @StepUp
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    static class OverridesWithoutAnnotation extends AnnotatedBase {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    static class InheritsAnnotatedHandler extends AnnotatedBase {
    }

    static class OverridesWithItsOwnAnnotation extends AnnotatedBase {
        @Override
        @StepUp(maxAge = "PT2M")
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        }
    }

    @RequiresMfa
    static class NotAnHttpServlet extends GenericServlet {
        @Override
        public void service(ServletRequest req, ServletResponse res) {
        }
    }

    static class NotAnHttpServletWithMethodAnnotation extends GenericServlet {
        @Override
        @StepUp
        public void service(ServletRequest req, ServletResponse res) {
        }
    }

    // --- honoured ------------------------------------------------------------------------------------------------

    @Test
    void anAnnotationOnServiceAppliesToEveryHttpMethod() {
        for (String method : Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH")) {
            assertThat(forMethod(GuardedService.class, method).all()).as(method).containsExactly(STEP_UP_2M);
        }
    }

    @Test
    void serviceAndAHandlerBothHoldForTheHandlersMethod() {
        Requirement adminsMfa = Requirement.mfa().forRoles(Set.of("admin"));
        Requirement webauthnStepUp = STEP_UP_2M.withFactors(Set.of(WEBAUTHN));

        assertThat(forMethod(ServiceAndHandler.class, "POST").all()).containsExactly(webauthnStepUp, adminsMfa);
        assertThat(forMethod(ServiceAndHandler.class, "GET").all()).containsExactly(adminsMfa);
    }

    @Test
    void aHandlerAnnotationAppliesToItsOwnMethodOnly() {
        assertThat(forMethod(PlainHandlers.class, "POST").all()).containsExactly(STEP_UP_2M);
        assertThat(forMethod(PlainHandlers.class, "GET").isEmpty()).isTrue();
        assertThat(forMethod(PlainHandlers.class, "PUT").isEmpty()).isTrue();
    }

    @Test
    void anInheritedHandlerThatIsNotOverriddenKeepsItsAnnotation() {
        assertThat(forMethod(InheritsAnnotatedHandler.class, "POST").all())
                .containsExactly(Requirement.stepUp(Duration.ofMinutes(5)));
    }

    @Test
    void anOverridingHandlerWithItsOwnAnnotationIsReadInsteadOfTheOverriddenOne() {
        assertThat(forMethod(OverridesWithItsOwnAnnotation.class, "POST").all()).containsExactly(STEP_UP_2M);
    }

    @Test
    void aClassAnnotationOnAServletThatIsNotAnHttpServletCoversEveryMethod() {
        assertThat(forMethod(NotAnHttpServlet.class, "POST").all()).containsExactly(Requirement.mfa());
    }

    // --- would be ignored: the deployment fails --------------------------------------------------------------------

    @Test
    void anAnnotationOnAnInterfaceMethodFailsNamingClassAndMethod() {
        assertThatIllegalArgumentException().isThrownBy(() -> forMethod(ImplementsAnnotatedInterface.class, "POST"))
                .withMessageContaining(Transfers.class.getName() + "#doPost")
                .withMessageContaining(ImplementsAnnotatedInterface.class.getName())
                .withMessageContaining("interface");
    }

    @Test
    void anAnnotationOnAnInterfaceOfASuperclassOrSuperinterfaceFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> forMethod(InheritsAnnotatedInterface.class, "GET"))
                .withMessageContaining(Audited.class.getName() + "#audit")
                .withMessageContaining(InheritsAnnotatedInterface.class.getName());
    }

    @Test
    void anAnnotationOnAHelperMethodFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> forMethod(AnnotatedHelper.class, "POST"))
                .withMessageContaining(AnnotatedHelper.class.getName() + "#transfer");
    }

    @Test
    void anAnnotationOnTheGenericServiceMethodFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> forMethod(AnnotatedGenericService.class, "POST"))
                .withMessageContaining(AnnotatedGenericService.class.getName() + "#service")
                .withMessageContaining("service(HttpServletRequest, HttpServletResponse)");
    }

    @Test
    void anAnnotatedHandlerOverriddenWithoutTheAnnotationFails() {
        assertThatIllegalArgumentException().isThrownBy(() -> forMethod(OverridesWithoutAnnotation.class, "POST"))
                .withMessageContaining(AnnotatedBase.class.getName() + "#doPost")
                .withMessageContaining(OverridesWithoutAnnotation.class.getName() + "#doPost overrides it");
    }

    @Test
    void aMethodAnnotationOnAServletThatIsNotAnHttpServletFails() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> forMethod(NotAnHttpServletWithMethodAnnotation.class, "POST"))
                .withMessageContaining(NotAnHttpServletWithMethodAnnotation.class.getName() + "#service");
    }
}
