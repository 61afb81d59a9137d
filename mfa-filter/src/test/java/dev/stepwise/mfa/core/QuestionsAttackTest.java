package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.QUESTIONS;
import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the rule that security questions never count alone and never satisfy the login: a user (or an
 * attacker holding the password) must not be able to keep questions as the only factor, nor use answered questions
 * to skip what the login would otherwise ask.
 */
class QuestionsAttackTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaPolicy policy = new MfaPolicy(clock, List.of(TOTP, QUESTIONS, RECOVERY), Set.of("auditor"), true);
    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));

    /**
     * Under {@code login=all} a user must keep a factor that counts. Questions do not count alone, so removing TOTP
     * beside questions leaves the account with no factor: it must be refused like removing the last factor.
     */
    @Test
    void theLastRealFactorCannotBeRemovedLeavingOnlyQuestionsUnderLoginAll() {
        EnrolmentRules rules = new EnrolmentRules(policy, new LoginPolicy.All());

        assertThat(rules.mayRemove(user, TOTP, Set.of(TOTP))).isFalse(); // the baseline: last factor kept
        assertThat(rules.mayRemove(user, TOTP, Set.of(TOTP, QUESTIONS))).isFalse();
        assertThat(rules.mayRemove(user, TOTP, Set.of(TOTP, QUESTIONS, RECOVERY))).isFalse();
    }

    /** The same for a caller in a mandatory role, whatever the login policy. */
    @Test
    void aMandatoryRoleCannotBeLeftWithOnlyQuestions() {
        EnrolmentRules rules = new EnrolmentRules(policy, new LoginPolicy.Enrolled());

        assertThat(rules.mayRemove(auditor, TOTP, Set.of(TOTP, QUESTIONS))).isFalse();
    }

    /**
     * The user's "always ask" turns a pass into a challenge. A session that answered only security questions (e.g.
     * through the challenge API with no pending challenge, as a step-up the user asked for) is judged on
     * "defaults only" facts, which drops "always ask": the answered questions then get the session through the login
     * without the second factor the user asked for.
     */
    @Test
    void answeredQuestionsDoNotSwitchOffTheUsersAlwaysAsk() {
        Gatekeeper gatekeeper = new Gatekeeper(policy, new LoginPolicy.Off(), Duration.ofMinutes(5));
        MfaState signedIn = MfaState.start(ALICE, NOW.minus(Duration.ofMinutes(1)));
        Verdict before = gatekeeper.decide(new AccessRequest(user, signedIn, true, Requirements.NONE, false),
                UserFactsFake.having(TOTP, QUESTIONS).alwaysAsking());
        assertThat(before.decision()).isInstanceOf(ChallengeRequired.class); // the baseline: "always ask" asks

        MfaState answered = signedIn.withVerified(QUESTIONS, NOW);
        Verdict v = gatekeeper.decide(new AccessRequest(user, answered, true, Requirements.NONE, false),
                UserFactsFake.having(TOTP, QUESTIONS).alwaysAsking());

        assertThat(v.decision()).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(TOTP));
        assertThat(v.clearLogin()).isFalse();
    }
}
