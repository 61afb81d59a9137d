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
import java.util.ArrayList;
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
 * {@link MfaPolicy#decide}: every rule of the endpoint decision, with time pinned by {@link Clock#fixed}.
 */
class MfaPolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));

    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final MfaState fresh = MfaState.start(ALICE, NOW.minus(Duration.ofHours(1)));

    // --- roles -------------------------------------------------------------------------------------------------

    @Test
    void decideWhenCallerNotInRequiredRoleThenGrantedNotApplicableWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        Requirement adminsOnly = Requirement.mfa().forRoles(Set.of("admin"));

        Decision decision = policy.decide(adminsOnly, alice, fresh, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void decideWhenCallerInRequiredRoleThenEvaluated() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        Requirement adminsOnly = Requirement.mfa().forRoles(Set.of("admin"));
        Caller admin = Caller.of(ALICE, Set.of("admin"));

        Decision decision = policy.decide(adminsOnly, admin, fresh, enrolled);

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, adminsOnly));
        assertThat(enrolled.askedFor()).containsExactly(ALICE);
    }

    @Test
    void decideWhenCallerInOneOfSeveralRequiredRolesThenEvaluated() {
        Requirement staff = Requirement.mfa().forRoles(Set.of("admin", "auditor"));
        Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));

        Decision decision = policy.decide(staff, auditor, fresh, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void decideWhenRequirementHasNoRolesThenRolesAreNeverAsked() {
        List<String> rolesAsked = new ArrayList<>();
        Caller caller = Caller.of(ALICE, role -> {
            rolesAsked.add(role);
            return false;
        });

        Decision decision = policy.decide(Requirement.mfa(), caller, fresh, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOf(ChallengeRequired.class);
        assertThat(rolesAsked).isEmpty();
    }

    // --- acceptable factors ------------------------------------------------------------------------------------

    @Test
    void decideWhenRequirementNamesNoFactorsThenEveryOfferedFactorIsAcceptableInOfferedOrder() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(RECOVERY, TOTP, WEBAUTHN);

        Decision decision = policy.decide(Requirement.mfa(), alice, fresh, enrolled);

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(WEBAUTHN, TOTP, RECOVERY));
    }

    @Test
    void decideWhenRequirementNamesFactorsThenAcceptableAreThoseOfferedInOfferedOrder() {
        // sms is named but not offered; totp is offered but not named
        Requirement requirement = Requirement.mfa().withFactors(Set.of(RECOVERY, SMS, WEBAUTHN));
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(WEBAUTHN, TOTP, RECOVERY, SMS);
        MfaPolicy reversed = new MfaPolicy(policy.clock(), List.of(RECOVERY, TOTP, WEBAUTHN));

        assertThat(policy.decide(requirement, alice, fresh, enrolled)).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(WEBAUTHN, RECOVERY));
        assertThat(reversed.decide(requirement, alice, fresh, enrolled)).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(RECOVERY, WEBAUTHN));
    }

    @Test
    void decideWhenNoRequiredFactorIsOfferedThenDeniedNoAcceptableFactor() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(SMS);
        Requirement smsOnly = Requirement.mfa().withFactors(Set.of(SMS));

        Decision decision = policy.decide(smsOnly, alice, fresh.withVerified(SMS, NOW), enrolled);

        assertThat(decision).isEqualTo(new Denied(Denied.Why.NO_ACCEPTABLE_FACTOR));
        assertThat(decision.isGranted()).isFalse();
        assertThat(enrolled.askedFor()).isEmpty();
    }

    // --- MFA kind ------------------------------------------------------------------------------------------------

    @Test
    void mfaWhenAnyAcceptableFactorVerifiedThenGrantedFactorVerified() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        // session MFA has no freshness: a verification days ago in this session still counts
        MfaState state = fresh.withVerified(RECOVERY, NOW.minus(Duration.ofDays(3)));

        Decision decision = policy.decide(Requirement.mfa(), alice, state, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void mfaWhenVerifiedFactorIsNotAcceptableThenChallengeMissing() {
        Requirement strongOnly = Requirement.mfa().withFactors(Set.of(WEBAUTHN));
        MfaState state = fresh.withVerified(TOTP, NOW);

        Decision decision = policy.decide(strongOnly, alice, state, EnrolledFactorsSpy.having(WEBAUTHN, TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(WEBAUTHN), ChallengeRequired.Why.MISSING, strongOnly));
    }

    @Test
    void mfaWhenVerifiedFactorIsNotOfferedThenChallengeMissing() {
        MfaState state = fresh.withVerified(SMS, NOW);

        Decision decision = policy.decide(Requirement.mfa(), alice, state, EnrolledFactorsSpy.having(TOTP, SMS));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, Requirement.mfa()));
    }

    // --- STEP_UP kind: freshness edges ---------------------------------------------------------------------------

    @Test
    void stepUpWhenVerifiedExactlyMaxAgeAgoThenGranted() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        MfaState state = fresh.withVerified(TOTP, NOW.minus(FIVE_MINUTES));

        Decision decision = policy.decide(Requirement.stepUp(FIVE_MINUTES), alice, state, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void stepUpWhenAlmostExpiredThenGranted() {
        MfaState state = fresh.withVerified(TOTP, NOW.minus(FIVE_MINUTES).plusSeconds(1));

        Decision decision = policy.decide(Requirement.stepUp(FIVE_MINUTES), alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void stepUpWhenVerifiedThisInstantThenGranted() {
        MfaState state = fresh.withVerified(TOTP, NOW);

        Decision decision = policy.decide(Requirement.stepUp(FIVE_MINUTES), alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void stepUpWhenJustExpiredByOneNanosecondThenChallengeExpired() {
        Requirement stepUp = Requirement.stepUp(FIVE_MINUTES);
        MfaState state = fresh.withVerified(TOTP, NOW.minus(FIVE_MINUTES).minusNanos(1));

        Decision decision = policy.decide(stepUp, alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, stepUp));
    }

    @Test
    void stepUpWhenJustExpiredThenChallengeExpired() {
        Requirement stepUp = Requirement.stepUp(FIVE_MINUTES);
        MfaState state = fresh.withVerified(TOTP, NOW.minus(FIVE_MINUTES).minusSeconds(1));

        Decision decision = policy.decide(stepUp, alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, stepUp));
    }

    @Test
    void stepUpWhenExpiredThenChallengeCarriesMaxAgeAndReason() {
        Requirement stepUp = Requirement.stepUp(Duration.ofMinutes(2)).withReason("change-password");
        MfaState state = fresh.withVerified(TOTP, NOW.minus(Duration.ofMinutes(3)));

        Decision decision = policy.decide(stepUp, alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.maxAge()).isEqualTo(Duration.ofMinutes(2));
            assertThat(c.requirement().reason()).isEqualTo("change-password");
        });
    }

    @Test
    void stepUpWhenVerifiedAtIsInTheFutureThenNotFresh() {
        // another node's clock runs ahead: a verification stamped after "now" is not trusted as fresh
        Requirement stepUp = Requirement.stepUp(FIVE_MINUTES);
        MfaState state = fresh.withVerified(TOTP, NOW.plusSeconds(1));

        Decision decision = policy.decide(stepUp, alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, stepUp));
    }

    @Test
    void stepUpWhenOnlyUnacceptableFactorIsFreshThenChallengeExpired() {
        Requirement strongStepUp = Requirement.stepUp(FIVE_MINUTES).withFactors(Set.of(WEBAUTHN));
        MfaState state = fresh.withVerified(WEBAUTHN, NOW.minus(Duration.ofMinutes(10))).withVerified(TOTP, NOW);

        Decision decision = policy.decide(strongStepUp, alice, state, EnrolledFactorsSpy.having(WEBAUTHN, TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(WEBAUTHN), ChallengeRequired.Why.EXPIRED, strongStepUp));
    }

    @Test
    void stepUpWhenOnlyUnacceptableFactorWasEverVerifiedThenChallengeMissing() {
        Requirement strongStepUp = Requirement.stepUp(FIVE_MINUTES).withFactors(Set.of(WEBAUTHN));
        MfaState state = fresh.withVerified(TOTP, NOW);

        Decision decision = policy.decide(strongStepUp, alice, state, EnrolledFactorsSpy.having(WEBAUTHN, TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(WEBAUTHN), ChallengeRequired.Why.MISSING, strongStepUp));
    }

    @Test
    void stepUpWhenOneAcceptableFactorExpiredAndAnotherFreshThenGranted() {
        MfaState state = fresh.withVerified(TOTP, NOW.minus(Duration.ofMinutes(10)))
                .withVerified(WEBAUTHN, NOW.minus(Duration.ofMinutes(1)));

        Decision decision = policy.decide(Requirement.stepUp(FIVE_MINUTES), alice, state, EnrolledFactorsSpy.having(TOTP, WEBAUTHN));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void stepUpWhenOneAcceptableFactorStampedInTheFutureAndAnotherFreshThenGranted() {
        // the future stamp (clock skew) is not trusted, but it must not hide a verification that is fresh
        MfaState state = fresh.withVerified(TOTP, NOW.minus(Duration.ofMinutes(1)))
                .withVerified(WEBAUTHN, NOW.plusSeconds(2));

        Decision decision = policy.decide(Requirement.stepUp(FIVE_MINUTES), alice, state, EnrolledFactorsSpy.having(TOTP, WEBAUTHN));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    // --- challenge or enrolment ----------------------------------------------------------------------------------

    @Test
    void decideWhenNothingVerifiedThenChallengeMissingWithOnlyEnrolledAcceptableFactorsInOfferedOrder() {
        // sms is enrolled but not offered; webauthn is offered but not enrolled
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(RECOVERY, SMS, TOTP);

        Decision decision = policy.decide(Requirement.mfa(), alice, fresh, enrolled);

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP, RECOVERY), ChallengeRequired.Why.MISSING, Requirement.mfa()));
        assertThat(enrolled.askedFor()).containsExactly(ALICE);
    }

    @Test
    void decideWhenNothingEnrolledThenEnrollmentRequiredListingAcceptableFactors() {
        Decision decision = policy.decide(Requirement.mfa(), alice, fresh, EnrolledFactorsSpy.nothing());

        assertThat(decision).isEqualTo(new EnrollmentRequired(List.of(WEBAUTHN, TOTP, RECOVERY), Requirement.mfa()));
    }

    @Test
    void decideWhenOnlyUnacceptableFactorsEnrolledThenEnrollmentRequiredListingAcceptableFactors() {
        Requirement strong = Requirement.stepUp(FIVE_MINUTES).withFactors(Set.of(TOTP, WEBAUTHN));

        Decision decision = policy.decide(strong, alice, fresh, EnrolledFactorsSpy.having(RECOVERY, SMS));

        assertThat(decision).isEqualTo(new EnrollmentRequired(List.of(WEBAUTHN, TOTP), strong));
    }

    // --- trusted device ------------------------------------------------------------------------------------------

    @Test
    void mfaWhenTrustedDeviceThenGrantedTrustedDeviceWithoutLookup() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        Decision decision = policy.decide(Requirement.mfa(), alice, trusted, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void mfaWhenTrustedDeviceButRequirementOptsOutThenChallengeMissing() {
        Requirement noTrust = Requirement.mfa().trustingDevices(false);
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        Decision decision = policy.decide(noTrust, alice, trusted, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, noTrust));
    }

    @Test
    void stepUpWhenTrustedDeviceThenChallengeByDefault() {
        Requirement stepUp = Requirement.stepUp(FIVE_MINUTES);
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        Decision decision = policy.decide(stepUp, alice, trusted, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, stepUp));
    }

    @Test
    void stepUpWhenTrustedDeviceAndRequirementOptsInThenGrantedTrustedDevice() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        Requirement trustingStepUp = Requirement.stepUp(FIVE_MINUTES).trustingDevices(true);
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(30))));

        Decision decision = policy.decide(trustingStepUp, alice, trusted, enrolled);

        assertThat(decision).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void mfaWhenTrustGrantExpiresExactlyNowThenChallenge() {
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW));

        Decision decision = policy.decide(Requirement.mfa(), alice, trusted, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, Requirement.mfa()));
    }

    @Test
    void mfaWhenTrustGrantJustExpiredThenChallenge() {
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.minusSeconds(1)));

        Decision decision = policy.decide(Requirement.mfa(), alice, trusted, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, Requirement.mfa()));
    }

    @Test
    void mfaWhenTrustGrantAlmostExpiredThenGrantedTrustedDevice() {
        MfaState trusted = fresh.withTrust(new TrustedDeviceGrant("device-1", NOW.plusNanos(1)));

        Decision decision = policy.decide(Requirement.mfa(), alice, trusted, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new Granted(Granted.Why.TRUSTED_DEVICE));
    }

    @Test
    void stepUpWhenTrustingRequirementAndTrustExpiredAndFactorExpiredThenChallengeExpired() {
        Requirement trustingStepUp = Requirement.stepUp(FIVE_MINUTES).trustingDevices(true);
        MfaState state = fresh.withVerified(TOTP, NOW.minus(Duration.ofMinutes(6)))
                .withTrust(new TrustedDeviceGrant("device-1", NOW));

        Decision decision = policy.decide(trustingStepUp, alice, state, EnrolledFactorsSpy.having(TOTP));

        assertThat(decision).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, trustingStepUp));
    }

    // --- misuse --------------------------------------------------------------------------------------------------

    @Test
    void decideWhenStateBelongsToAnotherUserThenIllegalArgumentException() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.having(TOTP);
        MfaState bobs = MfaState.start("bob", NOW).withVerified(TOTP, NOW);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy.decide(Requirement.mfa(), alice, bobs, enrolled))
                .withMessageContaining("another user");
        assertThat(enrolled.askedFor()).isEmpty();
    }

    @Test
    void decideWhenStateBelongsToAnotherUserAndRequirementDoesNotApplyThenStillIllegalArgumentException() {
        MfaState bobs = MfaState.start("bob", NOW);
        Requirement adminsOnly = Requirement.mfa().forRoles(Set.of("admin"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> policy.decide(adminsOnly, alice, bobs, EnrolledFactorsSpy.nothing()));
    }

    @Test
    void decideWhenArgumentMissingThenNullPointerException() {
        EnrolledFactorsSpy enrolled = EnrolledFactorsSpy.nothing();
        assertThatNullPointerException().isThrownBy(() -> policy.decide(null, alice, fresh, enrolled));
        assertThatNullPointerException().isThrownBy(() -> policy.decide(Requirement.mfa(), null, fresh, enrolled));
        assertThatNullPointerException().isThrownBy(() -> policy.decide(Requirement.mfa(), alice, null, enrolled));
    }

    @Test
    void constructWhenNothingOfferedThenIllegalArgumentException() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaPolicy(clock, List.of()));
    }

    @Test
    void constructThenOfferedListIsCopied() {
        List<String> offered = new ArrayList<>(List.of(TOTP));
        MfaPolicy copied = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), offered);

        offered.add(WEBAUTHN);

        assertThat(copied.offered()).containsExactly(TOTP);
    }
}
