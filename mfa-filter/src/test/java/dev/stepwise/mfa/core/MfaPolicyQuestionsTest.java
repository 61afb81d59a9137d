package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.QUESTIONS;
import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy with security questions offered: never the login requirement, never alone, a step-up only where the
 * application allows it ({@code stepwise.mfa.questions.step-up=on}, or a step-up naming {@code questions}).
 */
class MfaPolicyQuestionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ALICE = "alice";
    private static final List<String> OFFERED = List.of(TOTP, QUESTIONS, RECOVERY);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final MfaPolicy closed = new MfaPolicy(clock, OFFERED, Set.of(), false);
    private final MfaPolicy open = new MfaPolicy(clock, OFFERED, Set.of(), true);
    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final MfaState fresh = MfaState.start(ALICE, NOW.minus(Duration.ofHours(1)));
    private final Requirement stepUp = Requirement.stepUp(Duration.ofMinutes(5));

    /** The enrolled factors as the runtime gives them: counted by the enrolment rules. */
    private static EnrolledFactors counted(String... raw) {
        return user -> EnrolmentRules.counting(Set.of(raw));
    }

    @Test
    void questionsAloneAreNotEnrolledForTheLoginNorForAStepUp() {
        assertThat(open.decideLogin(new LoginPolicy.All(), alice, fresh, counted(QUESTIONS)))
                .isInstanceOf(EnrollmentRequired.class);
        assertThat(open.decide(stepUp, alice, fresh, counted(QUESTIONS))).isInstanceOf(EnrollmentRequired.class);
        assertThat(open.decideLogin(new LoginPolicy.Enrolled(), alice, fresh, counted(QUESTIONS)))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void theLoginNeverOffersQuestionsEvenWhenStepUpsMay() {
        Decision d = open.decideLogin(new LoginPolicy.All(), alice, fresh, counted(TOTP, QUESTIONS));

        assertThat(d).isInstanceOf(ChallengeRequired.class);
        assertThat(((ChallengeRequired) d).factors()).containsExactly(TOTP);
    }

    @Test
    void verifiedQuestionsDoNotPassTheLoginOrARequiresMfa() {
        MfaState answered = fresh.withVerified(QUESTIONS, NOW);

        assertThat(open.decideLogin(new LoginPolicy.All(), alice, answered, counted(TOTP, QUESTIONS)))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(open.decide(Requirement.mfa().withFactors(Set.of(QUESTIONS)), alice, answered,
                counted(TOTP, QUESTIONS))).isEqualTo(new Denied(Denied.Why.NO_ACCEPTABLE_FACTOR));
    }

    @Test
    void byDefaultAStepUpNeitherOffersNorAcceptsQuestions() {
        Decision offered = closed.decide(stepUp, alice, fresh, counted(TOTP, QUESTIONS));
        assertThat(((ChallengeRequired) offered).factors()).containsExactly(TOTP);

        MfaState answered = fresh.withVerified(QUESTIONS, NOW);
        assertThat(closed.decide(stepUp, alice, answered, counted(TOTP, QUESTIONS))).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenAllowedAStepUpOffersAndAcceptsQuestionsBesideAnotherFactor() {
        Decision offered = open.decide(stepUp, alice, fresh, counted(TOTP, QUESTIONS));
        assertThat(((ChallengeRequired) offered).factors()).containsExactly(TOTP, QUESTIONS);

        MfaState answered = fresh.withVerified(QUESTIONS, NOW);
        assertThat(open.decide(stepUp, alice, answered, counted(TOTP, QUESTIONS)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void aStepUpThatNamesQuestionsAllowsThemWithoutTheSwitch() {
        Requirement named = stepUp.withFactors(Set.of(QUESTIONS));
        MfaState answered = fresh.withVerified(QUESTIONS, NOW);

        assertThat(closed.decide(named, alice, answered, counted(TOTP, QUESTIONS)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(closed.decide(named, alice, fresh, counted(QUESTIONS))).isInstanceOf(EnrollmentRequired.class);
    }
}
