package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An administrator exempts a user who lost their factor: session MFA and adding a factor are waived until the
 * exemption ends by itself; step-ups on risky actions and roles that must always use MFA are not.
 */
class MfaPolicyExemptionTest {

    private static final Instant GRANTED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant NOW = GRANTED_AT.plus(Duration.ofHours(1));
    private static final String ALICE = "alice";
    private static final Duration DAY = Duration.ofHours(24);

    private final MfaExemption lostPhone = MfaExemption.grant(ALICE, "bob", "lost phone, ticket 4711", DAY, GRANTED_AT,
            MfaExemption.DEFAULT_MAX_DURATION);

    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller admin = Caller.of(ALICE, Set.of("user", "admin"));
    private final Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);
    private final EnrolledFactorsSpy hasTotp = EnrolledFactorsSpy.having(TOTP);

    private static final LoginPolicy ENROLLED = new LoginPolicy.Enrolled();
    private static final LoginPolicy ALL = new LoginPolicy.All();
    private static final LoginPolicy ADMINS = new LoginPolicy.Roles(Set.of("admin"));
    private static final LoginPolicy ADAPTIVE = new LoginPolicy.Adaptive(RiskLevel.MEDIUM);

    private static MfaPolicy at(Instant now) {
        return new MfaPolicy(Clock.fixed(now, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY), Set.of("auditor"));
    }

    private final MfaPolicy policy = at(NOW);

    private LoginFacts exempt() {
        return LoginFacts.NONE.withExemption(lostPhone);
    }

    // --- login ---------------------------------------------------------------------------------------------------

    @Test
    void loginWhenExemptThenGrantedExemptUnderEveryPolicyThatWouldAsk() {
        RiskAssessment risky = RiskAssessment.of(List.of(RiskReason.of("recent-failures", RiskLevel.HIGH)));

        assertThat(policy.decideLogin(ENROLLED, exempt(), user, justLoggedIn, hasTotp)).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(policy.decideLogin(ALL, exempt(), user, justLoggedIn, hasTotp)).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(policy.decideLogin(ADAPTIVE, exempt().withRisk(risky), user, justLoggedIn, hasTotp))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(policy.decideLogin(ENROLLED, exempt().withAlwaysAsk(true), user, justLoggedIn, hasTotp))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void loginWhenExemptAndAllWithoutFactorThenGrantedNotEnrolment() {
        assertThat(policy.decideLogin(ALL, exempt(), user, justLoggedIn, EnrolledFactorsSpy.nothing()))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void loginWhenNothingToWaiveThenNotReportedAsExempt() {
        // EXEMPT means the exemption made the difference; worth an audit line only then
        assertThat(policy.decideLogin(new LoginPolicy.Off(), exempt(), user, justLoggedIn, hasTotp))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(policy.decideLogin(ENROLLED, exempt(), user, justLoggedIn.withVerified(TOTP, NOW), hasTotp))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void loginWhenExemptionEndedThenChallengedAgain() {
        Instant end = lostPhone.until();

        assertThat(at(end.minusMillis(1)).decideLogin(ENROLLED, exempt(), user, MfaState.start(ALICE, end), hasTotp))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(at(end).decideLogin(ENROLLED, exempt(), user, MfaState.start(ALICE, end), hasTotp))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(at(end.plus(DAY)).decideLogin(ALL, exempt(), user, MfaState.start(ALICE, end), EnrolledFactorsSpy.nothing()))
                .isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void loginWhenClockBeforeGrantThenNotYetActive() {
        // a node whose clock is behind the one that granted it
        assertThat(at(GRANTED_AT.minusSeconds(1)).decideLogin(ENROLLED, exempt(), user, justLoggedIn, hasTotp))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void loginWhenRoleMustAlwaysUseMfaThenExemptionIgnored() {
        // roles: login policy
        assertThat(policy.decideLogin(ADMINS, exempt(), admin, justLoggedIn, hasTotp)).isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(ADMINS, exempt(), admin, justLoggedIn, EnrolledFactorsSpy.nothing()))
                .isInstanceOf(EnrollmentRequired.class);
        // configured mandatory role, whatever the login policy
        assertThat(policy.decideLogin(ENROLLED, exempt(), auditor, justLoggedIn, hasTotp)).isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decideLogin(new LoginPolicy.Off(), exempt(), auditor, justLoggedIn, hasTotp))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void loginWhenExemptionOfAnotherUserThenIllegalArgumentException() {
        MfaExemption bobs = MfaExemption.grant("bob", "carol", "lost phone", DAY, GRANTED_AT, DAY);

        assertThatIllegalArgumentException().isThrownBy(() -> policy.decideLogin(ENROLLED,
                LoginFacts.NONE.withExemption(bobs), user, justLoggedIn, hasTotp)).withMessageContaining("another user");
        assertThatIllegalArgumentException().isThrownBy(() -> policy.decide(Requirement.mfa(), user, justLoggedIn,
                hasTotp, bobs)).withMessageContaining("another user");
        assertThatIllegalArgumentException().isThrownBy(() -> policy.decideEnrolment(Requirement.stepUp(DAY), user,
                justLoggedIn, hasTotp, bobs)).withMessageContaining("another user");
    }

    // --- endpoints -----------------------------------------------------------------------------------------------

    @Test
    void requiresMfaWithoutRolesIsWaived() {
        assertThat(policy.decide(Requirement.mfa(), user, justLoggedIn, hasTotp, lostPhone))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(policy.decide(Requirement.mfa(), user, justLoggedIn, hasTotp, null))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void requiresMfaNamingTheCallersRoleIsNotWaived() {
        Requirement adminArea = Requirement.mfa().forRoles(Set.of("admin"));

        assertThat(policy.decide(adminArea, admin, justLoggedIn, hasTotp, lostPhone)).isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decide(adminArea, user, justLoggedIn, hasTotp, lostPhone))
                .isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void requiresMfaForMandatoryRoleCallerIsNotWaived() {
        assertThat(policy.decide(Requirement.mfa(), auditor, justLoggedIn, hasTotp, lostPhone))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void stepUpIsNeverWaived() {
        Requirement changePassword = Requirement.stepUp(Duration.ofMinutes(5)).withReason("change-password");

        assertThat(policy.decide(changePassword, user, justLoggedIn, hasTotp, lostPhone)).isInstanceOf(ChallengeRequired.class);
        assertThat(policy.decide(changePassword, user, justLoggedIn, EnrolledFactorsSpy.nothing(), lostPhone))
                .isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void deniedIsNeverWaived() {
        Requirement unknownFactor = Requirement.mfa().withFactors(Set.of("carrier-pigeon"));

        assertThat(policy.decide(unknownFactor, user, justLoggedIn, hasTotp, lostPhone))
                .isEqualTo(new Denied(Denied.Why.NO_ACCEPTABLE_FACTOR));
    }

    @Test
    void requiresMfaAfterExemptionEndedIsChallengedAgainInTheSameSession() {
        MfaPolicy later = at(lostPhone.until());

        assertThat(later.decide(Requirement.mfa(), user, justLoggedIn, hasTotp, lostPhone)).isInstanceOf(ChallengeRequired.class);
    }

    // --- re-enrolment ----------------------------------------------------------------------------------------------

    @Test
    void addingAFactorWhileExemptIsAllowedWithoutStepUp() {
        Requirement manage = Requirement.stepUp(Duration.ofMinutes(5)).withReason("manage-mfa");

        assertThat(policy.decideEnrolment(manage, user, justLoggedIn, hasTotp, lostPhone))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(policy.decideEnrolment(manage, user, justLoggedIn, hasTotp, null))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(at(lostPhone.until()).decideEnrolment(manage, user, justLoggedIn, hasTotp, lostPhone))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void addingAFactorWhileExemptIsNotAllowedForMandatoryRole() {
        Requirement manage = Requirement.stepUp(Duration.ofMinutes(5)).withReason("manage-mfa");

        assertThat(policy.decideEnrolment(manage, auditor, justLoggedIn, hasTotp, lostPhone))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void addingAFactorAfterAFreshVerificationIsGrantedAsVerified() {
        Requirement manage = Requirement.stepUp(Duration.ofMinutes(5));

        assertThat(policy.decideEnrolment(manage, user, justLoggedIn.withVerified(TOTP, NOW), hasTotp, lostPhone))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    // --- who may be exempted ---------------------------------------------------------------------------------------

    @Test
    void mayExemptUnlessRoleMustAlwaysUseMfa() {
        assertThat(policy.mayExempt(ALL, user)).isTrue();
        assertThat(policy.mayExempt(ADMINS, user)).isTrue();
        assertThat(policy.mayExempt(ADMINS, admin)).isFalse();
        assertThat(policy.mayExempt(ENROLLED, auditor)).isFalse();
        assertThat(policy.mayExempt(ENROLLED, admin)).isTrue();
    }
}
