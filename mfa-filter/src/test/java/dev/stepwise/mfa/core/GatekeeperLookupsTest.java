package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a decision asks of {@link UserFacts}: nothing for a session that already satisfies everything, and each
 * fact at most once per request (the adapter's facts reach the store).
 */
class GatekeeperLookupsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(new MutableClock(NOW), List.of(TOTP, RECOVERY));
    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final Requirement transfer = Requirement.stepUp(Duration.ofMinutes(10));

    private UserFactsFake decide(LoginPolicy login, MfaState state, Requirement... endpoint) {
        UserFactsFake facts = UserFactsFake.having(TOTP).alwaysAsking().risk(RiskAssessment.NONE);
        new Gatekeeper(policy, login, Duration.ofMinutes(5))
                .decide(new AccessRequest(alice, state, true, Requirements.of(endpoint), false), facts);
        return facts;
    }

    @Test
    void whenTheSessionIsClearedAndSatisfiesTheEndpointThenNothingIsAsked() {
        MfaState state = MfaState.start(ALICE, NOW).withVerified(TOTP, NOW).withLoginCleared();

        assertThat(decide(new LoginPolicy.Adaptive(), state, Requirement.mfa()).asked()).isEmpty();
    }

    @Test
    void whenTheSessionVerifiedAFactorThenTheLoginPolicyAsksNothingUnderAnyPolicy() {
        MfaState state = MfaState.start(ALICE, NOW).withVerified(TOTP, NOW);

        for (LoginPolicy login : List.of(new LoginPolicy.Off(), new LoginPolicy.Enrolled(), new LoginPolicy.All(),
                new LoginPolicy.Roles(Set.of("user")), new LoginPolicy.Adaptive())) {
            assertThat(decide(login, state, Requirement.mfa()).asked()).as(login.toString()).isEmpty();
        }
    }

    @Test
    void whenAFreshStepUpIsGrantedThenOnlyTheHoldsAreAsked() {
        MfaState state = MfaState.start(ALICE, NOW).withVerified(TOTP, NOW).withLoginCleared();

        assertThat(decide(new LoginPolicy.All(), state, transfer).asked()).containsExactly("heldUntil");
    }

    @Test
    void whenLoginAndEndpointBothNeedAFactThenItIsAskedOnce() {
        MfaState state = MfaState.start(ALICE, NOW);
        UserFactsFake facts = UserFactsFake.having(TOTP);

        Verdict v = new Gatekeeper(policy, new LoginPolicy.Enrolled(), Duration.ofMinutes(5)).decide(
                new AccessRequest(alice, state, true, Requirements.of(Requirement.mfa(), transfer), false), facts);

        assertThat(v.decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(facts.asked()).containsOnlyOnce("enrolled", "exemption", "lockedUntil");
    }
}
