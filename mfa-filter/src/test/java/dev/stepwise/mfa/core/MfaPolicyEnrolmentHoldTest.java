package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Issue 10: "during an exemption, whoever has the password can enrol their own factor and then pass every step-up
 * with it". A factor enrolled under an exemption is on hold: it does not satisfy a step-up until
 * {@code stepwise.mfa.exemption.enrol-hold} has passed; it does count for session MFA.
 */
class MfaPolicyEnrolmentHoldTest {

    private static final Instant ENROLLED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration HOLD = Duration.ofDays(1);
    private static final String ALICE = "alice";

    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final Requirement transfer = Requirement.stepUp(Duration.ofMinutes(5)).withReason("transfer");

    private static MfaPolicy at(Instant now) {
        return new MfaPolicy(Clock.fixed(now, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));
    }

    /** Enrolled factors with a hold on TOTP until a day after its enrolment; records the hold look-ups. */
    private static final class HeldTotp implements EnrolledFactors {
        private final Set<String> factors;
        final List<String> holdsAskedFor = new ArrayList<>();

        HeldTotp(String... factors) {
            this.factors = Set.of(factors);
        }

        @Override
        public Set<String> of(String user) {
            return factors;
        }

        @Override
        public Map<String, Instant> heldUntil(String user) {
            holdsAskedFor.add(user);
            return Map.of(TOTP, ENROLLED_AT.plus(HOLD));
        }
    }

    private static MfaState verifiedAt(String factor, Instant at) {
        return MfaState.start(ALICE, ENROLLED_AT.minus(Duration.ofHours(1))).withVerified(factor, at);
    }

    @Test
    void aFreshVerificationOfAHeldFactorDoesNotSatisfyAStepUp() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));

        Decision d = at(now).decide(transfer, alice, verifiedAt(TOTP, now.minusSeconds(10)), new HeldTotp(TOTP));

        assertThat(d).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
    }

    @Test
    void anotherFactorThatIsNotHeldSatisfiesTheStepUp() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));
        HeldTotp enrolled = new HeldTotp(TOTP, WEBAUTHN);

        Decision withTotp = at(now).decide(transfer, alice, verifiedAt(TOTP, now.minusSeconds(10)), enrolled);
        Decision withWebAuthn = at(now).decide(transfer, alice, verifiedAt(WEBAUTHN, now.minusSeconds(10)), enrolled);

        assertThat(withTotp).as("the challenge offers only what can pass").isEqualTo(
                new ChallengeRequired(List.of(WEBAUTHN), ChallengeRequired.Why.EXPIRED, transfer));
        assertThat(withWebAuthn).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void afterTheHoldTheFactorSatisfiesTheStepUp() {
        Instant end = ENROLLED_AT.plus(HOLD);

        Decision justBefore = at(end.minusMillis(1)).decide(transfer, alice, verifiedAt(TOTP, end.minusSeconds(10)),
                new HeldTotp(TOTP));
        Decision atTheEnd = at(end).decide(transfer, alice, verifiedAt(TOTP, end.minusSeconds(10)), new HeldTotp(TOTP));

        assertThat(justBefore).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(atTheEnd).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void aHeldFactorCountsForSessionMfaWithoutAskingForHolds() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));
        HeldTotp enrolled = new HeldTotp(TOTP);

        Decision d = at(now).decide(Requirement.mfa(), alice, verifiedAt(TOTP, now.minusSeconds(10)), enrolled);

        assertThat(d).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(enrolled.holdsAskedFor).isEmpty();
    }

    @Test
    void aHeldFactorIsNotChallengedForAStepUpItCannotSatisfy() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));
        MfaState nothing = MfaState.start(ALICE, now.minusSeconds(60));

        assertThat(at(now).decide(transfer, alice, nothing, new HeldTotp(TOTP)))
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(at(now).decide(transfer, alice, nothing, new HeldTotp(TOTP, RECOVERY)))
                .isEqualTo(new ChallengeRequired(List.of(RECOVERY), ChallengeRequired.Why.MISSING, transfer));
    }

    @Test
    void holdsAreAskedForOnceADecision() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));
        HeldTotp enrolled = new HeldTotp(TOTP, WEBAUTHN, RECOVERY);
        MfaState stale = verifiedAt(TOTP, now.minus(Duration.ofHours(1))).withVerified(WEBAUTHN,
                now.minus(Duration.ofHours(1)));

        at(now).decide(transfer, alice, stale, enrolled);

        assertThat(enrolled.holdsAskedFor).containsExactly(ALICE);
    }

    @Test
    void theExemptionStillWaivesTheStepUpForAddingAnotherFactorButNotARiskyAction() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(2));
        MfaExemption exemption = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofDays(2),
                ENROLLED_AT.minus(Duration.ofHours(1)), MfaExemption.DEFAULT_MAX_DURATION);
        MfaState totpJustNow = verifiedAt(TOTP, now.minusSeconds(10));

        assertThat(at(now).decideEnrolment(transfer, alice, totpJustNow, new HeldTotp(TOTP), exemption))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(at(now).decide(transfer, alice, totpJustNow, new HeldTotp(TOTP), exemption))
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
    }

    // --- the hold itself ----------------------------------------------------------------------------------------

    @Test
    void aFactorEnrolledDuringAnActiveExemptionIsHeldForTheConfiguredTime() {
        MfaExemption exemption = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofHours(24),
                ENROLLED_AT.minus(Duration.ofHours(1)), MfaExemption.DEFAULT_MAX_DURATION);

        assertThat(EnrolmentHold.forEnrolment(ALICE, TOTP, ENROLLED_AT, exemption, HOLD))
                .contains(new EnrolmentHold(ALICE, TOTP, ENROLLED_AT, ENROLLED_AT.plus(HOLD)));
        assertThat(EnrolmentHold.forEnrolment(ALICE, TOTP, ENROLLED_AT, null, HOLD)).isEmpty();
        assertThat(EnrolmentHold.forEnrolment(ALICE, TOTP, exemption.until(), exemption, HOLD))
                .as("the exemption has ended").isEmpty();
        assertThat(EnrolmentHold.forEnrolment(ALICE, TOTP, ENROLLED_AT, exemption, Duration.ZERO))
                .as("PT0S switches holds off").isEmpty();
        assertThatIllegalArgumentException().isThrownBy(
                () -> EnrolmentHold.forEnrolment("mallory", TOTP, ENROLLED_AT, exemption, HOLD));
    }

    @Test
    void aHoldEndsExclusively() {
        EnrolmentHold hold = new EnrolmentHold(ALICE, TOTP, ENROLLED_AT, ENROLLED_AT.plus(HOLD));

        assertThat(hold.isActiveAt(ENROLLED_AT.plus(HOLD).minusMillis(1))).isTrue();
        assertThat(hold.isActiveAt(ENROLLED_AT.plus(HOLD))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new EnrolmentHold(ALICE, TOTP, ENROLLED_AT, ENROLLED_AT));
    }
}
