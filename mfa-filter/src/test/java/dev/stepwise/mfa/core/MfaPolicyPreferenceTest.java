package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.QUESTIONS;
import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's own choices: "always ask me at sign-in" beats a weaker login policy; switching MFA off never goes
 * below what policy or role requires.
 */
class MfaPolicyPreferenceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY),
            Set.of("auditor"));
    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller admin = Caller.of(ALICE, Set.of("user", "admin"));
    private final Caller auditor = Caller.of(ALICE, Set.of("auditor"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);
    private final LoginFacts alwaysAsk = LoginFacts.NONE.withAlwaysAsk(true);

    private static final LoginPolicy OFF = new LoginPolicy.Off();
    private static final LoginPolicy ENROLLED = new LoginPolicy.Enrolled();
    private static final LoginPolicy ALL = new LoginPolicy.All();
    private static final LoginPolicy ADMINS = new LoginPolicy.Roles(Set.of("admin"));
    private static final LoginPolicy ADAPTIVE = new LoginPolicy.Adaptive(RiskLevel.MEDIUM);

    // --- always ask ----------------------------------------------------------------------------------------------

    @Test
    void alwaysAskWithFactorThenChallengedUnderEveryWeakerPolicy() {
        for (LoginPolicy login : List.of(OFF, ENROLLED, ADMINS, ADAPTIVE)) {
            Decision d = policy.decideLogin(login, alwaysAsk.withRisk(RiskAssessment.NONE), user, justLoggedIn,
                    EnrolledFactorsSpy.having(TOTP));

            assertThat(d).as("%s", login).isInstanceOfSatisfying(ChallengeRequired.class,
                    c -> assertThat(c.factors()).containsExactly(TOTP));
        }
    }

    @Test
    void withoutAlwaysAskSamePoliciesLetThroughSoThePreferenceIsWhatAsks() {
        for (LoginPolicy login : List.of(OFF, ADMINS, ADAPTIVE)) {
            Decision d = policy.decideLogin(login, LoginFacts.NONE.withRisk(RiskAssessment.NONE), user, justLoggedIn,
                    EnrolledFactorsSpy.having(TOTP));

            assertThat(d).as("%s", login).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        }
    }

    @Test
    void alwaysAskWithoutFactorThenNothingToAsk() {
        for (LoginPolicy login : List.of(OFF, ENROLLED, ADAPTIVE)) {
            assertThat(policy.decideLogin(login, alwaysAsk, user, justLoggedIn, EnrolledFactorsSpy.nothing()))
                    .as("%s", login).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        }
        assertThat(policy.decideLogin(OFF, alwaysAsk, user, justLoggedIn, EnrolledFactorsSpy.having(SMS)))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void alwaysAskUnderAllWithoutFactorStillMustEnrol() {
        assertThat(policy.decideLogin(ALL, alwaysAsk, user, justLoggedIn, EnrolledFactorsSpy.nothing()))
                .isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void alwaysAskBeatsATrustedDevice() {
        MfaState trusted = justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        assertThat(policy.decideLogin(ENROLLED, LoginFacts.NONE, user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(policy.decideLogin(ENROLLED, alwaysAsk, user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(ALL, alwaysAsk, user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void alwaysAskSatisfiedByAFactorVerifiedInThisSession() {
        assertThat(policy.decideLogin(OFF, alwaysAsk, user, justLoggedIn.withVerified(TOTP, NOW), EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void alwaysAskDoesNotReopenAClearedSession() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThat(policy.decideLogin(OFF, alwaysAsk, user, justLoggedIn.withLoginCleared(), enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    // --- switching MFA off ---------------------------------------------------------------------------------------

    @Test
    void mayDisableOwnMfaUnderPoliciesThatDoNotRequireIt() {
        assertThat(rules(policy, OFF).mayDisableOwnMfa(user)).isTrue();
        assertThat(rules(policy, ENROLLED).mayDisableOwnMfa(user)).isTrue();
        assertThat(rules(policy, ADAPTIVE).mayDisableOwnMfa(user)).isTrue();
        assertThat(rules(policy, ADMINS).mayDisableOwnMfa(user)).isTrue();
    }

    @Test
    void mayNotDisableOwnMfaWhenPolicyOrRoleRequiresIt() {
        assertThat(rules(policy, ALL).mayDisableOwnMfa(user)).isFalse();
        assertThat(rules(policy, ADMINS).mayDisableOwnMfa(admin)).isFalse();
        assertThat(rules(policy, OFF).mayDisableOwnMfa(auditor)).isFalse();       // configured mandatory role
        assertThat(rules(policy, ENROLLED).mayDisableOwnMfa(auditor)).isFalse();
    }

    @Test
    void mayRemoveFactorWhenAnotherRemainsEvenWhereMfaIsRequired() {
        assertThat(rules(policy, ALL).keepsEnough(user, TOTP, Set.of(TOTP, WEBAUTHN, RECOVERY))).isTrue();
        assertThat(rules(policy, ADMINS).keepsEnough(admin, WEBAUTHN, Set.of(TOTP, WEBAUTHN))).isTrue();
        assertThat(rules(policy, ALL).keepsEnough(user, RECOVERY, Set.of(TOTP, RECOVERY))).isTrue();
    }

    @Test
    void mayNotRemoveLastFactorWhereMfaIsRequired() {
        assertThat(rules(policy, ALL).keepsEnough(user, TOTP, Set.of(TOTP))).isFalse();
        // recovery codes are a backup, not a way to sign in day to day
        assertThat(rules(policy, ALL).keepsEnough(user, TOTP, Set.of(TOTP, RECOVERY))).isFalse();
        // a factor the application no longer offers does not count either
        assertThat(rules(policy, ADMINS).keepsEnough(admin, TOTP, Set.of(TOTP, SMS))).isFalse();
        assertThat(rules(policy, OFF).keepsEnough(auditor, WEBAUTHN, Set.of(WEBAUTHN))).isFalse();
    }

    @Test
    void mayNotRemoveTheLastRealFactorLeavingOnlyQuestionsWhereMfaIsRequired() {
        MfaPolicy withQuestions = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC),
                List.of(WEBAUTHN, TOTP, QUESTIONS, RECOVERY), Set.of("auditor"));
        // questions do not count alone, beside recovery codes, or beside SMS alone
        assertThat(rules(withQuestions, ALL).keepsEnough(user, TOTP, Set.of(TOTP, QUESTIONS))).isFalse();
        assertThat(rules(withQuestions, ALL).keepsEnough(user, TOTP, Set.of(TOTP, QUESTIONS, RECOVERY))).isFalse();
        assertThat(rules(withQuestions, OFF).keepsEnough(auditor, TOTP, Set.of(TOTP, QUESTIONS, SMS))).isFalse();
        // beside another real factor questions may stay, and questions themselves may always go
        assertThat(rules(withQuestions, ALL).keepsEnough(user, TOTP, Set.of(TOTP, WEBAUTHN, QUESTIONS))).isTrue();
        assertThat(rules(withQuestions, ALL).keepsEnough(user, QUESTIONS, Set.of(TOTP, QUESTIONS))).isTrue();
        // where MFA is optional the user may still switch it off
        assertThat(rules(withQuestions, ENROLLED).keepsEnough(user, TOTP, Set.of(TOTP, QUESTIONS))).isTrue();
    }

    @Test
    void mayRemoveLastFactorWhereMfaIsOptional() {
        assertThat(rules(policy, ENROLLED).keepsEnough(user, TOTP, Set.of(TOTP))).isTrue();
        assertThat(rules(policy, ADAPTIVE).keepsEnough(user, TOTP, Set.of(TOTP, RECOVERY))).isTrue();
    }

    private static EnrolmentRules rules(MfaPolicy policy, LoginPolicy login) {
        return new EnrolmentRules(policy, login);
    }
}
