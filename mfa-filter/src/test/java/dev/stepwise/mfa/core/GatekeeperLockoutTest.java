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

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A locked account cannot answer a challenge: the gatekeeper answers {@code Denied(LOCKED_OUT, until)} instead,
 * and asks for the lockout only when a challenge would be issued.
 */
class GatekeeperLockoutTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant UNTIL = NOW.plus(Duration.ofMinutes(15));
    private static final String ALICE = "alice";

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaPolicy policy = new MfaPolicy(clock, List.of(TOTP, RECOVERY));
    private final Gatekeeper gatekeeper = new Gatekeeper(policy, new LoginPolicy.All(), Duration.ofMinutes(5));
    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);
    private final Requirement transfer = Requirement.stepUp(Duration.ofMinutes(10));

    private Decision request(MfaState state, UserFacts facts) {
        return gatekeeper.decide(new AccessRequest(alice, state, true, Requirements.NONE, false), facts).decision();
    }

    @Test
    void whenLockedAndAChallengeWouldBeIssuedThenDeniedLockedOutUntilTheEnd() {
        Decision d = request(justLoggedIn, UserFactsFake.having(TOTP).lockedUntil(UNTIL));

        assertThat(d).isEqualTo(new Denied(Denied.Why.LOCKED_OUT, UNTIL));
        assertThat(((Denied) d).until()).isEqualTo(UNTIL);
    }

    @Test
    void whenTheLockoutHasEndedThenChallengedAsUsual() {
        clock.set(UNTIL);

        Decision d = request(MfaState.start(ALICE, UNTIL), UserFactsFake.having(TOTP).lockedUntil(UNTIL));

        assertThat(d).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenGrantedThenTheLockoutIsNotAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP).lockedUntil(UNTIL);

        assertThat(request(justLoggedIn.withVerified(TOTP, NOW), facts)).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(facts.asked()).isEmpty();
    }

    @Test
    void whenEnrolmentIsRequiredThenTheLockoutDoesNotApply() {
        UserFactsFake facts = UserFactsFake.having().lockedUntil(UNTIL);

        assertThat(request(justLoggedIn, facts)).isInstanceOf(EnrollmentRequired.class);
        assertThat(facts.asked()).doesNotContain("lockedUntil");
    }

    @Test
    void whenLockedThenOneRequirementAndTheEnrolmentStepUpAreDeniedToo() {
        MfaState stale = justLoggedIn.withVerified(TOTP, NOW.minus(Duration.ofHours(1)));

        assertThat(gatekeeper.decide(transfer, alice, stale, UserFactsFake.having(TOTP).lockedUntil(UNTIL)))
                .isEqualTo(new Denied(Denied.Why.LOCKED_OUT, UNTIL));
        assertThat(gatekeeper.decideEnrolment(transfer, alice, stale, UserFactsFake.having(TOTP).lockedUntil(UNTIL)))
                .isEqualTo(new Denied(Denied.Why.LOCKED_OUT, UNTIL));
    }

    @Test
    void whenDeniedForAnotherReasonThenNoTimeToWaitFor() {
        assertThat(new Denied(Denied.Why.NO_CALLER).until()).isNull();
        assertThat(new Denied(Denied.Why.NO_CALLER)).isEqualTo(new Denied(Denied.Why.NO_CALLER, null));
    }
}
