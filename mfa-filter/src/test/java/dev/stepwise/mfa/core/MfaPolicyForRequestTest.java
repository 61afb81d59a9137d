package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MfaPolicyForRequestTest {

    private static final Decision GRANTED = new Decision.Granted(Decision.Granted.Why.NOT_APPLICABLE);
    private static final Decision LOGIN_CHALLENGE = new Decision.ChallengeRequired(List.of("totp", "recovery"),
            Decision.ChallengeRequired.Why.MISSING, Requirement.mfa().withReason("login"));
    private static final Decision STEP_UP_CHALLENGE = new Decision.ChallengeRequired(List.of("totp"),
            Decision.ChallengeRequired.Why.MISSING,
            Requirement.stepUp(Duration.ofMinutes(5)).withReason("change-password"));
    private static final Decision ENROL = new Decision.EnrollmentRequired(List.of("totp"), Requirement.mfa());

    @Test
    void forRequestWhenNoEndpointRequirementThenLoginDecision() {
        assertThat(MfaPolicy.forRequest(LOGIN_CHALLENGE, null)).isSameAs(LOGIN_CHALLENGE);
        assertThat(MfaPolicy.forRequest(GRANTED, null)).isSameAs(GRANTED);
    }

    @Test
    void forRequestWhenLoginGrantedThenEndpointDecides() {
        assertThat(MfaPolicy.forRequest(GRANTED, STEP_UP_CHALLENGE)).isSameAs(STEP_UP_CHALLENGE);
        assertThat(MfaPolicy.forRequest(GRANTED, ENROL)).isSameAs(ENROL);
    }

    @Test
    void forRequestWhenBothChallengeThenTheEndpointsChallengeWithItsReason() {
        assertThat(MfaPolicy.forRequest(LOGIN_CHALLENGE, STEP_UP_CHALLENGE)).isSameAs(STEP_UP_CHALLENGE);
    }

    @Test
    void forRequestWhenLoginRefusesAndEndpointIsNoChallengeThenLoginRefusal() {
        assertThat(MfaPolicy.forRequest(LOGIN_CHALLENGE, GRANTED)).isSameAs(LOGIN_CHALLENGE);
        assertThat(MfaPolicy.forRequest(LOGIN_CHALLENGE, ENROL)).isSameAs(LOGIN_CHALLENGE);
    }
}
