package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Gatekeeper#decide(AccessRequest, UserFacts)} for the login policy: what each policy asks, the user's
 * "always ask", an exemption, mandatory roles, adaptive risk, SMS never alone, and what the {@link Verdict} tells
 * the adapter to record.
 */
class GatekeeperLoginTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaPolicy policy = new MfaPolicy(clock, List.of(WEBAUTHN, TOTP, SMS, RECOVERY), Set.of("auditor"));

    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));
    private final Caller admin = Caller.of(ALICE, Set.of("user", "admin"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);
    private final MfaExemption lostPhone = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofHours(1),
            NOW.minusSeconds(60), MfaExemption.DEFAULT_MAX_DURATION);

    private Verdict login(LoginPolicy login, Caller caller, MfaState state, UserFacts facts) {
        return new Gatekeeper(policy, login, WINDOW)
                .decide(new AccessRequest(caller, state, true, Requirements.NONE, false), facts);
    }

    private static RiskAssessment risk(RiskLevel level) {
        return RiskAssessment.of(List.of(RiskReason.of("new-device", level)));
    }

    private MfaState trusted() {
        return justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));
    }

    // --- policies ------------------------------------------------------------------------------------------------

    @Test
    void whenEnrolledAndUserHasFactorThenLoginChallengedAndNothingToRecord() {
        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having(TOTP));

        assertThat(v.decision()).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.factors()).containsExactly(TOTP);
            assertThat(c.requirement().reason()).isEqualTo("login");
        });
        assertThat(v.loginChallenged()).isTrue();
        assertThat(v.clearLogin()).isFalse();
        assertThat(v.exemptionUsed()).isNull();
        assertThat(v.riskAssessed()).isNull();
    }

    @Test
    void whenEnrolledAndUserHasNoFactorThenGrantedAndLoginCleared() {
        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having());

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(v.clearLogin()).isTrue();
        assertThat(v.loginChallenged()).isFalse();
    }

    @Test
    void whenAllAndUserHasNoFactorThenEnrolmentAndNotCleared() {
        Verdict v = login(new LoginPolicy.All(), user, justLoggedIn, UserFactsFake.having());

        assertThat(v.decision()).isInstanceOf(EnrollmentRequired.class);
        assertThat(v.clearLogin()).isFalse();
    }

    @Test
    void whenOffThenGrantedClearedAndOnlyThePreferenceAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP);

        Verdict v = login(new LoginPolicy.Off(), user, justLoggedIn, facts);

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(v.clearLogin()).isTrue();
        assertThat(facts.asked()).containsExactly("alwaysAsk");
    }

    @Test
    void whenRolesThenCallerInRoleMustEnrolAndOthersPass() {
        LoginPolicy admins = new LoginPolicy.Roles(Set.of("admin"));

        assertThat(login(admins, admin, justLoggedIn, UserFactsFake.having()).decision())
                .isInstanceOf(EnrollmentRequired.class);
        assertThat(login(admins, user, justLoggedIn, UserFactsFake.having(TOTP)).decision())
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void whenTrustedDeviceThenGrantedTrustedDeviceAndCleared() {
        Verdict v = login(new LoginPolicy.All(), user, trusted(), UserFactsFake.having(TOTP));

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(v.clearLogin()).isTrue();
    }

    @Test
    void whenLoginClearedThenGrantedWithoutAnyLookupAndNotClearedAgain() {
        UserFactsFake facts = UserFactsFake.having(TOTP).alwaysAsking().exempt(lostPhone);

        Verdict v = login(new LoginPolicy.All(), user, justLoggedIn.withLoginCleared(), facts);

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(v.clearLogin()).isFalse();
        assertThat(facts.asked()).isEmpty();
    }

    @Test
    void whenFactorVerifiedThenGrantedWithoutAnyLookupAndNotCleared() {
        UserFactsFake facts = UserFactsFake.having(TOTP).alwaysAsking().risk(risk(RiskLevel.HIGH));

        Verdict v = login(new LoginPolicy.Adaptive(), user, justLoggedIn.withVerified(TOTP, NOW), facts);

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(v.clearLogin()).isFalse();
        assertThat(v.riskAssessed()).isNull();
        assertThat(facts.asked()).isEmpty();
    }

    @Test
    void whenNotJudgingLoginThenNothingDecidedNorAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP);

        Verdict v = new Gatekeeper(policy, new LoginPolicy.All(), WINDOW)
                .decide(new AccessRequest(user, justLoggedIn, false, Requirements.NONE, false), facts);

        assertThat(v).isEqualTo(Verdict.of(new Granted(Granted.Why.NOT_APPLICABLE)));
        assertThat(facts.asked()).isEmpty();
    }

    @Test
    void whenStateOfAnotherUserThenRefusedEvenIfCleared() {
        MfaState bobs = MfaState.start("bob", NOW).withLoginCleared();

        assertThatIllegalArgumentException().isThrownBy(() ->
                login(new LoginPolicy.Off(), user, bobs, UserFactsFake.having()));
    }

    // --- always ask ----------------------------------------------------------------------------------------------

    @Test
    void whenAlwaysAskThenChallengedEvenUnderOffAndOnATrustedDevice() {
        assertThat(login(new LoginPolicy.Off(), user, justLoggedIn, UserFactsFake.having(TOTP).alwaysAsking())
                .decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(login(new LoginPolicy.Enrolled(), user, trusted(), UserFactsFake.having(TOTP).alwaysAsking())
                .decision()).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenAlwaysAskWithoutFactorThenNothingChanges() {
        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having().alwaysAsking());

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(v.clearLogin()).isTrue();
    }

    @Test
    void whenPolicyAlreadyAsksThenPreferenceNotAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP);

        login(new LoginPolicy.Enrolled(), user, justLoggedIn, facts);

        assertThat(facts.asked()).doesNotContain("alwaysAsk");
    }

    // --- exemption -----------------------------------------------------------------------------------------------

    @Test
    void whenExemptThenGrantedExemptAndTheExemptionIsToBeAuditedNotCleared() {
        Verdict v = login(new LoginPolicy.All(), user, justLoggedIn, UserFactsFake.having(TOTP).exempt(lostPhone));

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(v.exemptionUsed()).isEqualTo(lostPhone);
        assertThat(v.clearLogin()).isFalse();
        assertThat(v.loginChallenged()).isFalse();
    }

    @Test
    void whenExemptionWaivesAlwaysAskAndEnrolment() {
        assertThat(login(new LoginPolicy.Off(), user, justLoggedIn,
                UserFactsFake.having(TOTP).alwaysAsking().exempt(lostPhone)).decision())
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(login(new LoginPolicy.All(), user, justLoggedIn, UserFactsFake.having().exempt(lostPhone))
                .decision()).isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void whenExemptionEndedThenChallengedAgain() {
        clock.set(lostPhone.until());

        Verdict v = login(new LoginPolicy.All(), user, MfaState.start(ALICE, clock.instant()),
                UserFactsFake.having(TOTP).exempt(lostPhone));

        assertThat(v.decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(v.exemptionUsed()).isNull();
    }

    @Test
    void whenMandatoryRoleThenNeverExemptAndTheExemptionNotEvenAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP).exempt(lostPhone);

        Verdict v = login(new LoginPolicy.Off(), auditor, justLoggedIn, facts);

        assertThat(v.decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(facts.asked()).doesNotContain("exemption");
        assertThat(login(new LoginPolicy.Roles(Set.of("admin")), admin, justLoggedIn,
                UserFactsFake.having().exempt(lostPhone)).decision()).isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void whenNothingToWaiveThenExemptionNotAsked() {
        UserFactsFake facts = UserFactsFake.having().exempt(lostPhone);

        login(new LoginPolicy.Enrolled(), user, justLoggedIn, facts);

        assertThat(facts.asked()).doesNotContain("exemption");
    }

    @Test
    void whenExemptionOfAnotherUserThenRefused() {
        MfaExemption bobs = MfaExemption.grant("bob", "carol", "lost phone", Duration.ofHours(1), NOW,
                MfaExemption.DEFAULT_MAX_DURATION);

        assertThatIllegalArgumentException().isThrownBy(() ->
                login(new LoginPolicy.All(), user, justLoggedIn, UserFactsFake.having(TOTP).exempt(bobs)));
    }

    // --- adaptive ------------------------------------------------------------------------------------------------

    @Test
    void whenAdaptiveAndRiskBelowThresholdThenGrantedClearedAndRiskToBeAudited() {
        RiskAssessment low = risk(RiskLevel.LOW);

        Verdict v = login(new LoginPolicy.Adaptive(RiskLevel.MEDIUM), user, justLoggedIn,
                UserFactsFake.having(TOTP).risk(low));

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(v.clearLogin()).isTrue();
        assertThat(v.riskAssessed()).isEqualTo(low);
        assertThat(v.loginChallenged()).isFalse();
    }

    @Test
    void whenAdaptiveAndRiskHighThenChallengedEvenOnATrustedDevice() {
        RiskAssessment high = risk(RiskLevel.HIGH);

        Verdict v = login(new LoginPolicy.Adaptive(), user, trusted(), UserFactsFake.having(TOTP).risk(high));

        assertThat(v.decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(v.riskAssessed()).isEqualTo(high);
        assertThat(v.loginChallenged()).isTrue();
    }

    @Test
    void whenAdaptiveAndRiskMediumThenATrustedDeviceCounts() {
        Verdict v = login(new LoginPolicy.Adaptive(), user, trusted(),
                UserFactsFake.having(TOTP).risk(risk(RiskLevel.MEDIUM)));

        assertThat(v.decision()).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
    }

    @Test
    void whenAdaptiveAndRiskNotAssessedThenCountsAsRisky() {
        assertThat(login(new LoginPolicy.Adaptive(), user, trusted(), UserFactsFake.having(TOTP)).decision())
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenAdaptiveAndNoFactorThenGrantedWhateverTheRisk() {
        assertThat(login(new LoginPolicy.Adaptive(), user, justLoggedIn,
                UserFactsFake.having().risk(risk(RiskLevel.HIGH))).decision())
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void whenAdaptiveAndMandatoryRoleThenRiskStillAssessedForTheAudit() {
        RiskAssessment low = risk(RiskLevel.LOW);

        Verdict v = login(new LoginPolicy.Adaptive(), auditor, justLoggedIn, UserFactsFake.having(TOTP).risk(low));

        assertThat(v.decision()).isInstanceOf(ChallengeRequired.class);
        assertThat(v.riskAssessed()).isEqualTo(low);
    }

    @Test
    void whenNotAdaptiveThenRiskNotAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP).risk(risk(RiskLevel.HIGH));

        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, facts);

        assertThat(facts.asked()).doesNotContain("risk");
        assertThat(v.riskAssessed()).isNull();
    }

    // --- SMS never alone -----------------------------------------------------------------------------------------

    @Test
    void whenOnlySmsThenItDoesNotCount() {
        assertThat(login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having(SMS)).decision())
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(login(new LoginPolicy.All(), user, justLoggedIn, UserFactsFake.having(SMS)).decision())
                .isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void whenSmsBesideAnotherFactorThenBothOfferedInPageOrder() {
        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having(SMS, TOTP));

        assertThat(v.decision()).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(TOTP, SMS));
    }

    @Test
    void whenSmsBesideRecoveryCodesThenSmsCounts() {
        Verdict v = login(new LoginPolicy.Enrolled(), user, justLoggedIn, UserFactsFake.having(SMS, RECOVERY));

        assertThat(v.decision()).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(SMS, RECOVERY));
    }
}
