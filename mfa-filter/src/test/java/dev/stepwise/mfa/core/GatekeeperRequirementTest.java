package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link Gatekeeper#decide(Requirement, Caller, MfaState, UserFacts)} (application code, the library's pages) and
 * {@link Gatekeeper#decideEnrolment}: one requirement, exemption-aware, no login policy.
 */
class GatekeeperRequirementTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaPolicy policy = new MfaPolicy(clock, List.of(WEBAUTHN, TOTP, SMS, RECOVERY), Set.of("auditor"));
    private final Gatekeeper gatekeeper = new Gatekeeper(policy, new LoginPolicy.All(), Duration.ofMinutes(5));

    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));
    private final MfaState state = MfaState.start(ALICE, NOW);
    private final Requirement manage = Requirement.stepUp(Duration.ofMinutes(5)).withReason("manage-mfa");
    private final MfaExemption lostPhone = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofHours(1),
            NOW.minusSeconds(60), MfaExemption.DEFAULT_MAX_DURATION);

    @Test
    void decideAsksNoLoginPolicyAndWaivesOnlySessionMfa() {
        UserFactsFake exempt = UserFactsFake.having(TOTP).exempt(lostPhone);

        assertThat(gatekeeper.decide(Requirement.mfa(), user, state, exempt)).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(gatekeeper.decide(manage, user, state, exempt)).isInstanceOf(ChallengeRequired.class);
        assertThat(gatekeeper.decide(Requirement.mfa(), auditor, state, exempt)).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void decideJudgesAZeroMaxAgeAsItIs() {
        Requirement confirm = Requirement.stepUp(Duration.ZERO);

        assertThat(gatekeeper.decide(confirm, user, state.withVerified(TOTP, NOW), UserFactsFake.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void decideAppliesSmsNeverAlone() {
        assertThat(gatekeeper.decide(manage, user, state, UserFactsFake.having(SMS)))
                .isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void enrolmentStepUpIsWaivedByAnActiveExemption() {
        assertThat(gatekeeper.decideEnrolment(manage, user, state, UserFactsFake.having(TOTP).exempt(lostPhone)))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void enrolmentStepUpIsWaivedWhenOnlyAHeldFactorCouldAnswer() {
        UserFactsFake facts = UserFactsFake.having(TOTP).held(Map.of(TOTP, NOW.plus(Duration.ofDays(1))))
                .exempt(lostPhone);

        assertThat(gatekeeper.decideEnrolment(manage, user, state.withVerified(TOTP, NOW), facts))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void enrolmentStepUpIsNotWaivedForAMandatoryRoleOrAfterTheExemption() {
        assertThat(gatekeeper.decideEnrolment(manage, auditor, state, UserFactsFake.having(TOTP).exempt(lostPhone)))
                .isInstanceOf(ChallengeRequired.class);
        clock.set(lostPhone.until());
        assertThat(gatekeeper.decideEnrolment(manage, user, state, UserFactsFake.having(TOTP).exempt(lostPhone)))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void enrolmentStepUpWithoutExemptionIsAnOrdinaryStepUp() {
        UserFactsFake facts = UserFactsFake.having(TOTP).held(Map.of(TOTP, NOW.plus(Duration.ofDays(1))));

        assertThat(gatekeeper.decideEnrolment(manage, user, state.withVerified(TOTP, NOW), facts))
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(gatekeeper.decideEnrolment(manage, user, state.withVerified(TOTP, NOW), UserFactsFake.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void anotherUsersStateOrExemptionIsRefused() {
        MfaExemption bobs = MfaExemption.grant("bob", "carol", "lost phone", Duration.ofHours(1), NOW,
                MfaExemption.DEFAULT_MAX_DURATION);

        assertThatIllegalArgumentException().isThrownBy(() ->
                gatekeeper.decide(manage, user, MfaState.start("bob", NOW), UserFactsFake.having(TOTP)));
        assertThatIllegalArgumentException().isThrownBy(() ->
                gatekeeper.decideEnrolment(manage, user, state, UserFactsFake.having(TOTP).exempt(bobs)));
    }

    @Test
    void aRequestWithAnotherUsersStateIsRefusedEvenWhenNothingIsToBeDecided() {
        AccessRequest request = new AccessRequest(user, MfaState.start("bob", NOW), false, Requirements.none(), false);

        assertThatIllegalArgumentException().isThrownBy(() -> gatekeeper.decide(request, UserFactsFake.having()));
    }

    @Test
    void constructorRefusesMissingPartsAndANegativeWindow() {
        assertThatNullPointerException().isThrownBy(() -> new Gatekeeper(null, new LoginPolicy.Off(), Duration.ZERO));
        assertThatNullPointerException().isThrownBy(() -> new Gatekeeper(policy, null, Duration.ZERO));
        assertThatNullPointerException().isThrownBy(() -> new Gatekeeper(policy, new LoginPolicy.Off(), null));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new Gatekeeper(policy, new LoginPolicy.Off(), Duration.ofSeconds(-1)));
    }
}
