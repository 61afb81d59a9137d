package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MfaPolicy#exemptionWaives} and {@link MfaPolicy#exemptionWaivesEnrolment}: what an active exemption may
 * turn into {@code Granted(EXEMPT)}, asked before the exemption is looked up.
 */
class MfaPolicyWaiverTest {

    private final MfaPolicy policy = new MfaPolicy(new MutableClock(Instant.parse("2025-03-01T10:00:00Z")),
            List.of(TOTP), Set.of("auditor"));
    private final Caller user = Caller.of("alice", Set.of("user"));
    private final Caller auditor = Caller.of("alice", Set.of("auditor"));
    private final Requirement mfa = Requirement.mfa();
    private final Requirement stepUp = Requirement.stepUp(Duration.ofMinutes(5));
    private final Decision challenge = new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, mfa);
    private final Decision enrolment = new EnrollmentRequired(List.of(TOTP), mfa);
    private final Decision onHold = new Denied(Denied.Why.FACTOR_ON_HOLD);

    @Test
    void sessionMfaWithoutRoleIsWaivedWhenItWouldAskSomething() {
        assertThat(policy.exemptionWaives(mfa, challenge, user)).isTrue();
        assertThat(policy.exemptionWaives(mfa, enrolment, user)).isTrue();
        assertThat(policy.exemptionWaives(mfa, new Granted(Granted.Why.FACTOR_VERIFIED), user)).isFalse();
        assertThat(policy.exemptionWaives(mfa, onHold, user)).isFalse();
    }

    @Test
    void aStepUpARoleRequirementOrAMandatoryRoleIsNeverWaived() {
        assertThat(policy.exemptionWaives(stepUp, challenge, user)).isFalse();
        assertThat(policy.exemptionWaives(mfa.forRoles(Set.of("user")), challenge, user)).isFalse();
        assertThat(policy.exemptionWaives(mfa, challenge, auditor)).isFalse();
    }

    @Test
    void theEnrolmentStepUpIsWaivedIncludingAFactorOnHoldButNotForAMandatoryRole() {
        assertThat(policy.exemptionWaivesEnrolment(challenge, user)).isTrue();
        assertThat(policy.exemptionWaivesEnrolment(enrolment, user)).isTrue();
        assertThat(policy.exemptionWaivesEnrolment(onHold, user)).isTrue();
        assertThat(policy.exemptionWaivesEnrolment(new Denied(Denied.Why.NO_ACCEPTABLE_FACTOR), user)).isFalse();
        assertThat(policy.exemptionWaivesEnrolment(challenge, auditor)).isFalse();
    }
}
