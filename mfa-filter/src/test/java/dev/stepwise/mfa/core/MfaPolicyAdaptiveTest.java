package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.risk.RiskAssessment;
import dev.stepwise.mfa.core.risk.RiskLevel;
import dev.stepwise.mfa.core.risk.RiskReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@code stepwise.mfa.login=adaptive}: a factor is asked when the assessed risk reaches the threshold.
 */
class MfaPolicyAdaptiveTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));
    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);

    private static final LoginPolicy ADAPTIVE = new LoginPolicy.Adaptive(RiskLevel.MEDIUM);
    private static final RiskAssessment NEW_NETWORK = RiskAssessment.of(List.of(RiskReason.of("new-network", RiskLevel.LOW)));
    private static final RiskAssessment NEW_DEVICE = RiskAssessment.of(List.of(RiskReason.of("new-device", RiskLevel.MEDIUM)));
    private static final RiskAssessment FAILURES = RiskAssessment.of(List.of(RiskReason.of("recent-failures", RiskLevel.HIGH)));

    private static LoginFacts risk(RiskAssessment risk) {
        return LoginFacts.NONE.withRisk(risk);
    }

    @Test
    void adaptiveWhenRiskBelowThresholdThenGrantedWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThat(policy.decideLogin(ADAPTIVE, risk(RiskAssessment.NONE), user, justLoggedIn, enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(policy.decideLogin(ADAPTIVE, risk(NEW_NETWORK), user, justLoggedIn, enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void adaptiveWhenRiskAtThresholdAndUserHasFactorThenChallengeForLogin() {
        Decision decision = policy.decideLogin(ADAPTIVE, risk(NEW_DEVICE), user, justLoggedIn, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.factors()).containsExactly(TOTP);
            assertThat(c.why()).isEqualTo(ChallengeRequired.Why.MISSING);
            assertThat(c.requirement().reason()).isEqualTo("login");
        });
    }

    @Test
    void adaptiveWhenRiskAboveThresholdThenChallenge() {
        assertThat(policy.decideLogin(ADAPTIVE, risk(FAILURES), user, justLoggedIn, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void adaptiveThresholdComesFromThePolicy() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThat(policy.decideLogin(new LoginPolicy.Adaptive(RiskLevel.HIGH), risk(NEW_DEVICE), user, justLoggedIn, enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(policy.decideLogin(new LoginPolicy.Adaptive(RiskLevel.LOW), risk(NEW_NETWORK), user, justLoggedIn, enrolled))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(new LoginPolicy.Adaptive(RiskLevel.LOW), risk(RiskAssessment.NONE), user, justLoggedIn, enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void adaptiveWhenRiskyButUserHasNoFactorThenGrantedNotLockedOut() {
        Decision decision = policy.decideLogin(ADAPTIVE, risk(FAILURES), user, justLoggedIn, EnrolledFactorsSpy.nothing());

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void adaptiveWhenNotAssessedThenTreatedAsRisky() {
        // fail closed: an adapter that forgot to assess gets "enrolled", not "off"
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThat(policy.decideLogin(ADAPTIVE, LoginFacts.NONE, user, justLoggedIn, enrolled)).isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(ADAPTIVE, user, justLoggedIn, enrolled)).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void adaptiveWhenMediumRiskOnTrustedDeviceThenTrustCounts() {
        MfaState trusted = justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        assertThat(policy.decideLogin(ADAPTIVE, risk(NEW_DEVICE), user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
    }

    @Test
    void adaptiveWhenHighRiskOnTrustedDeviceThenChallengeAnyway() {
        // a trust cookie arriving with failed attempts on the account: possibly stolen
        MfaState trusted = justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        assertThat(policy.decideLogin(ADAPTIVE, risk(FAILURES), user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(ADAPTIVE, LoginFacts.NONE, user, trusted, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void adaptiveWhenFactorAlreadyVerifiedThenGranted() {
        assertThat(policy.decideLogin(ADAPTIVE, risk(FAILURES), user, justLoggedIn.withVerified(TOTP, NOW),
                EnrolledFactorsSpy.having(TOTP))).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void adaptiveWhenMandatoryRoleThenAskedWhateverTheRiskAndMustEnrol() {
        MfaPolicy withAdmins = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(TOTP), Set.of("admin"));
        Caller admin = Caller.of(ALICE, Set.of("admin"));

        assertThat(withAdmins.decideLogin(ADAPTIVE, risk(RiskAssessment.NONE), admin, justLoggedIn, EnrolledFactorsSpy.having(TOTP)))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(withAdmins.decideLogin(ADAPTIVE, risk(RiskAssessment.NONE), admin, justLoggedIn, EnrolledFactorsSpy.nothing()))
                .isInstanceOf(EnrollmentRequired.class);
        assertThat(withAdmins.decideLogin(ADAPTIVE, risk(RiskAssessment.NONE), user, justLoggedIn, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void adaptiveWhenSessionAlreadyClearedThenGrantedWhateverTheRisk() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThat(policy.decideLogin(ADAPTIVE, risk(FAILURES), user, justLoggedIn.withLoginCleared(), enrolled))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void decideLoginWhenFactsMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() ->
                policy.decideLogin(ADAPTIVE, null, user, justLoggedIn, EnrolledFactorsSpy.having(TOTP)));
    }
}
