package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link Requirement}: validation and immutability (how requirements combine: {@link RequirementsCombineTest}).
 */
class RequirementTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    // --- validation ----------------------------------------------------------------------------------------------

    @Test
    void constructWhenStepUpWithoutMaxAgeThenRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> new Requirement(Requirement.Kind.STEP_UP, Set.of(), Set.of(), null, "", false))
                .withMessageContaining("maxAge");
    }

    @Test
    void constructWhenStepUpWithNegativeMaxAgeThenIllegalArgumentException() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Requirement.stepUp(Duration.ofSeconds(-1)))
                .withMessageContaining("negative");
    }

    @Test
    void constructWhenStepUpWithZeroMaxAgeThenAccepted() {
        assertThat(Requirement.stepUp(Duration.ZERO).maxAge()).isEqualTo(Duration.ZERO);
    }

    @Test
    void constructWhenMfaWithMaxAgeThenIllegalArgumentException() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Requirement(Requirement.Kind.MFA, Set.of(), Set.of(), FIVE_MINUTES, "", true))
                .withMessageContaining("STEP_UP");
    }

    @Test
    void constructWhenKindOrSetsMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new Requirement(null, Set.of(), Set.of(), null, "", true));
        assertThatNullPointerException().isThrownBy(() -> new Requirement(Requirement.Kind.MFA, null, Set.of(), null, "", true));
        assertThatNullPointerException().isThrownBy(() -> new Requirement(Requirement.Kind.MFA, Set.of(), null, null, "", true));
    }

    @Test
    void constructWhenReasonNullThenEmpty() {
        assertThat(new Requirement(Requirement.Kind.MFA, Set.of(), Set.of(), null, null, true).reason()).isEmpty();
    }

    // --- defaults and withers ------------------------------------------------------------------------------------

    @Test
    void mfaThenAnyFactorEveryCallerTrustedDeviceCounts() {
        Requirement mfa = Requirement.mfa();

        assertThat(mfa.kind()).isEqualTo(Requirement.Kind.MFA);
        assertThat(mfa.factors()).isEmpty();
        assertThat(mfa.roles()).isEmpty();
        assertThat(mfa.maxAge()).isNull();
        assertThat(mfa.trustedDeviceSatisfies()).isTrue();
    }

    @Test
    void stepUpThenTrustedDeviceDoesNotCount() {
        Requirement stepUp = Requirement.stepUp(FIVE_MINUTES);

        assertThat(stepUp.kind()).isEqualTo(Requirement.Kind.STEP_UP);
        assertThat(stepUp.maxAge()).isEqualTo(FIVE_MINUTES);
        assertThat(stepUp.trustedDeviceSatisfies()).isFalse();
    }

    @Test
    void withersChangeOneComponentAndKeepTheRest() {
        Requirement base = Requirement.stepUp(FIVE_MINUTES);

        Requirement changed = base.withFactors(Set.of(TOTP)).forRoles(Set.of("admin")).withReason("transfer").trustingDevices(true);

        assertThat(changed).isEqualTo(new Requirement(Requirement.Kind.STEP_UP, Set.of(TOTP), Set.of("admin"),
                FIVE_MINUTES, "transfer", true));
        assertThat(base).isEqualTo(Requirement.stepUp(FIVE_MINUTES));
    }

    // --- immutability --------------------------------------------------------------------------------------------

    @Test
    void constructWhenSourceSetsChangeThenRequirementUnchanged() {
        Set<String> factors = new HashSet<>(Set.of(TOTP));
        Set<String> roles = new HashSet<>(Set.of("admin"));
        Requirement requirement = new Requirement(Requirement.Kind.MFA, factors, roles, null, "", true);

        factors.add(WEBAUTHN);
        roles.add("user");

        assertThat(requirement.factors()).containsExactly(TOTP);
        assertThat(requirement.roles()).containsExactly("admin");
    }

    @Test
    void accessorsThenSetsAreUnmodifiable() {
        Requirement requirement = Requirement.mfa().withFactors(Set.of(TOTP)).forRoles(Set.of("admin"));

        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> requirement.factors().add(WEBAUTHN));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> requirement.roles().clear());
    }
}
