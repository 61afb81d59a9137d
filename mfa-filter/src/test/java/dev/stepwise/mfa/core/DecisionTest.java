package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Decision} values: only {@link Granted} lets the caller go on; factor lists are copied.
 */
class DecisionTest {

    @Test
    void isGrantedOnlyForGranted() {
        Requirement mfa = Requirement.mfa();

        assertThat(new Granted(Granted.Why.FACTOR_VERIFIED).isGranted()).isTrue();
        assertThat(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, mfa).isGranted()).isFalse();
        assertThat(new EnrollmentRequired(List.of(TOTP), mfa).isGranted()).isFalse();
        assertThat(new Denied(Denied.Why.LOCKED_OUT).isGranted()).isFalse();
    }

    @Test
    void challengeRequiredWhenNoFactorThenIllegalArgumentException() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChallengeRequired(List.of(), ChallengeRequired.Why.MISSING, Requirement.mfa()));
    }

    @Test
    void challengeRequiredWhenSourceListChangesThenFactorsUnchanged() {
        List<String> factors = new ArrayList<>(List.of(TOTP));
        ChallengeRequired challenge = new ChallengeRequired(factors, ChallengeRequired.Why.MISSING, Requirement.mfa());

        factors.add(WEBAUTHN);

        assertThat(challenge.factors()).containsExactly(TOTP);
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> challenge.factors().add(WEBAUTHN));
    }

    @Test
    void enrollmentRequiredWhenSourceListChangesThenFactorsUnchanged() {
        List<String> factors = new ArrayList<>(List.of(TOTP));
        EnrollmentRequired enrolment = new EnrollmentRequired(factors, Requirement.mfa());

        factors.add(WEBAUTHN);

        assertThat(enrolment.factors()).containsExactly(TOTP);
    }

    @Test
    void challengeRequiredMaxAgeThenFromRequirement() {
        assertThat(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, Requirement.stepUp(Duration.ofMinutes(2))).maxAge())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, Requirement.mfa()).maxAge()).isNull();
    }
}
