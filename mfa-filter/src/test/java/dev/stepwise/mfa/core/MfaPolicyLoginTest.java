package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MfaPolicy#decideLogin}: what each {@code stepwise.mfa.login} value asks right after primary login.
 */
class MfaPolicyLoginTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));

    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller admin = Caller.of(ALICE, Set.of("user", "admin"));
    private final MfaState justLoggedIn = MfaState.start(ALICE, NOW);

    private static final LoginPolicy OFF = new LoginPolicy.Off();
    private static final LoginPolicy ENROLLED = new LoginPolicy.Enrolled();
    private static final LoginPolicy ALL = new LoginPolicy.All();
    private static final LoginPolicy ADMINS = new LoginPolicy.Roles(Set.of("admin"));

    // --- off -----------------------------------------------------------------------------------------------------

    @Test
    void loginWhenOffThenGrantedWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        Decision decision = policy.decideLogin(OFF, user, justLoggedIn, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    // --- enrolled ------------------------------------------------------------------------------------------------

    @Test
    void loginWhenEnrolledAndUserHasFactorAndNothingVerifiedThenChallengeMissing() {
        Decision decision = policy.decideLogin(ENROLLED, user, justLoggedIn, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.factors()).containsExactly(TOTP);
            assertThat(c.why()).isEqualTo(ChallengeRequired.Why.MISSING);
            assertThat(c.requirement().kind()).isEqualTo(Requirement.Kind.MFA);
            assertThat(c.requirement().reason()).isEqualTo("login");
        });
    }

    @Test
    void loginWhenEnrolledAndUserHasNoFactorThenGrantedNotEnrollment() {
        Decision decision = policy.decideLogin(ENROLLED, user, justLoggedIn, EnrolledFactorsSpy.nothing());

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void loginWhenEnrolledAndUserHasOnlyFactorNotOfferedThenGranted() {
        Decision decision = policy.decideLogin(ENROLLED, user, justLoggedIn, EnrolledFactorsSpy.having(SMS));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void loginWhenEnrolledAndFactorVerifiedThenGrantedWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        Decision decision = policy.decideLogin(ENROLLED, user, justLoggedIn.withVerified(TOTP, NOW), enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    // --- roles ---------------------------------------------------------------------------------------------------

    @Test
    void loginWhenRolesAndCallerNotInRoleThenGrantedWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        Decision decision = policy.decideLogin(ADMINS, user, justLoggedIn, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void loginWhenRolesAndCallerInRoleAndEnrolledThenChallengeMissing() {
        Decision decision = policy.decideLogin(ADMINS, admin, justLoggedIn, EnrolledFactorsSpy.having(WEBAUTHN, TOTP));

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.factors()).containsExactly(WEBAUTHN, TOTP);
            assertThat(c.why()).isEqualTo(ChallengeRequired.Why.MISSING);
        });
    }

    @Test
    void loginWhenRolesAndCallerInRoleWithoutFactorThenEnrollmentRequired() {
        Decision decision = policy.decideLogin(ADMINS, admin, justLoggedIn, EnrolledFactorsSpy.nothing());

        assertThat(decision).isInstanceOfSatisfying(EnrollmentRequired.class,
                e -> assertThat(e.factors()).containsExactly(WEBAUTHN, TOTP, RECOVERY));
    }

    @Test
    void loginWhenRolesAndCallerInRoleAndVerifiedThenGranted() {
        Decision decision = policy.decideLogin(ADMINS, admin, justLoggedIn.withVerified(WEBAUTHN, NOW), EnrolledFactorsSpy.having(WEBAUTHN));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    // --- all -----------------------------------------------------------------------------------------------------

    @Test
    void loginWhenAllAndUserWithoutFactorThenEnrollmentRequired() {
        Decision decision = policy.decideLogin(ALL, user, justLoggedIn, EnrolledFactorsSpy.nothing());

        assertThat(decision).isInstanceOfSatisfying(EnrollmentRequired.class,
                e -> assertThat(e.factors()).containsExactly(WEBAUTHN, TOTP, RECOVERY));
    }

    @Test
    void loginWhenAllAndUserHasFactorThenChallengeMissing() {
        Decision decision = policy.decideLogin(ALL, user, justLoggedIn, EnrolledFactorsSpy.having(RECOVERY));

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(RECOVERY));
    }

    @Test
    void loginWhenAllAndVerifiedThenGranted() {
        Decision decision = policy.decideLogin(ALL, user, justLoggedIn.withVerified(RECOVERY, NOW.minus(Duration.ofHours(8))),
                EnrolledFactorsSpy.having(RECOVERY));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    // --- session already cleared, trusted device -----------------------------------------------------------------

    @Test
    void loginWhenStateLoginClearedThenGrantedWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.nothing();

        Decision decision = policy.decideLogin(ALL, user, justLoggedIn.withLoginCleared(), enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void loginWhenTrustedDeviceThenGrantedTrustedDevice() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        MfaState trusted = justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        assertThat(policy.decideLogin(ALL, user, trusted, enrolled)).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(policy.decideLogin(ENROLLED, user, trusted, enrolled)).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(policy.decideLogin(ADMINS, admin, trusted, enrolled)).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void loginWhenTrustGrantExpiredThenChallenge() {
        MfaState expiredTrust = justLoggedIn.withTrust(new TrustedDeviceGrant("device-1", NOW));

        Decision decision = policy.decideLogin(ALL, user, expiredTrust, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOf(ChallengeRequired.class);
    }

    // --- misuse --------------------------------------------------------------------------------------------------

    @Test
    void loginWhenStateBelongsToAnotherUserThenIllegalArgumentExceptionForEveryPolicy() {
        MfaState bobsCleared = MfaState.start("bob", NOW).withLoginCleared();
        MfaState bobs = MfaState.start("bob", NOW);
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        for (LoginPolicy loginPolicy : List.of(OFF, ENROLLED, ADMINS, ALL)) {
            assertThatIllegalArgumentException().as("%s, cleared state", loginPolicy)
                    .isThrownBy(() -> policy.decideLogin(loginPolicy, admin, bobsCleared, enrolled))
                    .withMessageContaining("another user");
            assertThatIllegalArgumentException().as("%s", loginPolicy)
                    .isThrownBy(() -> policy.decideLogin(loginPolicy, admin, bobs, enrolled))
                    .withMessageContaining("another user");
        }
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void loginWhenPolicyMissingThenNullPointerExceptionNotGranted() {
        assertThatNullPointerException()
                .isThrownBy(() -> policy.decideLogin(null, user, justLoggedIn, EnrolledFactorsSpy.having(TOTP)));
    }

    @Test
    void loginWhenCallerOrStateMissingThenNullPointerException() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);

        assertThatNullPointerException().isThrownBy(() -> policy.decideLogin(OFF, null, justLoggedIn, enrolled));
        assertThatNullPointerException().isThrownBy(() -> policy.decideLogin(OFF, user, null, enrolled));
    }
}
