package dev.stepwise.mfa.core;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link AnnotatedRequirements}: how {@code @RequiresMfa} and {@code @StepUp} on classes and methods become a
 * {@link Requirement}.
 */
class AnnotatedRequirementsTest {

    private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(7);

    private final AnnotatedRequirements requirements = new AnnotatedRequirements(DEFAULT_MAX_AGE);

    // --- fixtures ------------------------------------------------------------------------------------------------

    @RequiresMfa(factors = TOTP, roles = {"admin", "auditor"}, reason = "admin-area", trustedDeviceSatisfies = false)
    static class AdminArea {
        @StepUp(maxAge = "PT2M", factors = {WEBAUTHN, TOTP}, reason = "transfer", trustedDeviceSatisfies = true)
        void transfer() {
        }

        void list() {
        }
    }

    @StepUp(maxAge = "PT10M")
    static class StepUpClass {
        @RequiresMfa
        void browse() {
        }
    }

    static class BothOnMethod {
        @RequiresMfa
        @StepUp(maxAge = "PT1M")
        void delete() {
        }
    }

    @RequiresMfa
    @StepUp(maxAge = "PT3M")
    static class BothOnClass {
    }

    @RequiresMfa(roles = "auditor")
    static class AuditBase {
    }

    static class AuditReports extends AuditBase {
        void export() {
        }
    }

    static class Defaults {
        @StepUp
        void stepUp() {
        }

        @RequiresMfa
        void mfa() {
        }
    }

    static class BadMaxAge {
        @StepUp(maxAge = "5 minutes")
        void changePassword() {
        }
    }

    @StepUp(maxAge = "soon")
    static class BadMaxAgeOnClass {
    }

    static class NegativeMaxAge {
        @StepUp(maxAge = "-PT1M")
        void changePassword() {
        }
    }

    static class Repeated {
        @StepUp(maxAge = "PT1M", factors = {TOTP, WEBAUTHN, TOTP})
        void transfer() {
        }

        @RequiresMfa(factors = {WEBAUTHN, WEBAUTHN}, roles = {"admin", "admin"})
        void admin() {
        }
    }

    static class Plain {
        void anything() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name);
    }

    // --- tests ---------------------------------------------------------------------------------------------------

    @Test
    void resolveWhenMethodAndClassAnnotatedThenMethodWins() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(AdminArea.class, method(AdminArea.class, "transfer"));

        assertThat(requirement).contains(new Requirement(Requirement.Kind.STEP_UP, Set.of(WEBAUTHN, TOTP), Set.of(),
                Duration.ofMinutes(2), "transfer", true));
    }

    @Test
    void resolveWhenMethodRequiresMfaAndClassStepUpThenMethodWinsEvenThoughWeaker() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(StepUpClass.class, method(StepUpClass.class, "browse"));

        assertThat(requirement).contains(Requirement.mfa());
    }

    @Test
    void resolveWhenMethodUnannotatedThenClassApplies() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(AdminArea.class, method(AdminArea.class, "list"));

        assertThat(requirement).contains(new Requirement(Requirement.Kind.MFA, Set.of(TOTP), Set.of("admin", "auditor"),
                null, "admin-area", false));
    }

    @Test
    void resolveWhenNoMethodThenClassApplies() {
        assertThat(requirements.resolve(StepUpClass.class, null)).contains(Requirement.stepUp(Duration.ofMinutes(10)));
    }

    @Test
    void resolveWhenStepUpAndRequiresMfaOnSameMethodThenStepUpWins() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(BothOnMethod.class, method(BothOnMethod.class, "delete"));

        assertThat(requirement).contains(Requirement.stepUp(Duration.ofMinutes(1)));
    }

    @Test
    void resolveWhenStepUpAndRequiresMfaOnSameClassThenStepUpWins() {
        assertThat(requirements.resolve(BothOnClass.class, null)).contains(Requirement.stepUp(Duration.ofMinutes(3)));
    }

    @Test
    void resolveWhenSuperclassAnnotatedThenInheritedAnnotationApplies() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(AuditReports.class, method(AuditReports.class, "export"));

        assertThat(requirement).contains(Requirement.mfa().forRoles(Set.of("auditor")));
    }

    @Test
    void resolveWhenStepUpWithoutMaxAgeThenConfiguredDefault() throws Exception {
        Optional<Requirement> requirement = requirements.resolve(Defaults.class, method(Defaults.class, "stepUp"));

        assertThat(requirement).contains(Requirement.stepUp(DEFAULT_MAX_AGE));
        assertThat(new AnnotatedRequirements(Duration.ofSeconds(30)).resolve(Defaults.class, method(Defaults.class, "stepUp")))
                .contains(Requirement.stepUp(Duration.ofSeconds(30)));
    }

    @Test
    void resolveWhenAnnotationDefaultsThenSecureDefaults() throws Exception {
        Requirement stepUp = requirements.resolve(Defaults.class, method(Defaults.class, "stepUp")).orElseThrow();
        Requirement mfa = requirements.resolve(Defaults.class, method(Defaults.class, "mfa")).orElseThrow();

        assertThat(stepUp.trustedDeviceSatisfies()).isFalse();
        assertThat(stepUp.factors()).isEmpty();
        assertThat(stepUp.roles()).isEmpty();
        assertThat(stepUp.reason()).isEmpty();
        assertThat(mfa.trustedDeviceSatisfies()).isTrue();
        assertThat(mfa.kind()).isEqualTo(Requirement.Kind.MFA);
        assertThat(mfa.maxAge()).isNull();
    }

    @Test
    void resolveWhenMaxAgeNotIso8601ThenIllegalArgumentExceptionNamingMethod() throws Exception {
        Method changePassword = method(BadMaxAge.class, "changePassword");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> requirements.resolve(BadMaxAge.class, changePassword))
                .withMessageContaining(BadMaxAge.class.getName() + "#changePassword")
                .withMessageContaining("5 minutes")
                .withMessageContaining("ISO-8601");
    }

    @Test
    void resolveWhenClassMaxAgeNotIso8601ThenIllegalArgumentExceptionNamingClass() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> requirements.resolve(BadMaxAgeOnClass.class, null))
                .withMessageContaining(BadMaxAgeOnClass.class.getName())
                .withMessageContaining("ISO-8601");
    }

    @Test
    void resolveWhenMaxAgeNegativeThenIllegalArgumentExceptionNamingMethod() throws Exception {
        Method changePassword = method(NegativeMaxAge.class, "changePassword");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> requirements.resolve(NegativeMaxAge.class, changePassword))
                .withMessageContaining(NegativeMaxAge.class.getName() + "#changePassword")
                .withMessageContaining("negative");
    }

    @Test
    void resolveWhenFactorOrRoleRepeatedThenRepetitionIgnored() throws Exception {
        assertThat(requirements.resolve(Repeated.class, method(Repeated.class, "transfer")))
                .contains(Requirement.stepUp(Duration.ofMinutes(1)).withFactors(Set.of(TOTP, WEBAUTHN)));
        assertThat(requirements.resolve(Repeated.class, method(Repeated.class, "admin")))
                .contains(Requirement.mfa().withFactors(Set.of(WEBAUTHN)).forRoles(Set.of("admin")));
    }

    @Test
    void resolveWhenNothingAnnotatedThenEmpty() throws Exception {
        assertThat(requirements.resolve(Plain.class, method(Plain.class, "anything"))).isEmpty();
        assertThat(requirements.resolve(Plain.class, null)).isEmpty();
    }

    @Test
    void constructWhenDefaultMaxAgeMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new AnnotatedRequirements(null));
    }
}
