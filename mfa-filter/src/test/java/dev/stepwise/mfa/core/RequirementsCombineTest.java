package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
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

/**
 * An annotation and a {@code stepwise.mfa.protect} pattern on one endpoint: both hold (issue 10). Each pair the
 * issue names, decided as the filter decides an endpoint.
 */
class RequirementsCombineTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final MfaPolicy policy = new MfaPolicy(Clock.fixed(NOW, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));
    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller admin = Caller.of(ALICE, Set.of("user", "admin"));
    private final MfaState nothingProven = MfaState.start(ALICE, NOW.minus(Duration.ofHours(1)));

    private static final Requirement PATTERN_MFA = Requirement.mfa();
    private static final Requirement PATTERN_STEP_UP_2M = Requirement.stepUp(Duration.ofMinutes(2));

    /** Annotation first, then the pattern, as the filter finds them. */
    private Decision both(Requirement annotation, Requirement pattern, Caller caller, MfaState state,
                          EnrolledFactors enrolled) {
        return Requirements.of(annotation, pattern).decide(each -> policy.decide(each, caller, state, enrolled));
    }

    private MfaState verified(String factor, Duration ago) {
        return nothingProven.withVerified(factor, NOW.minus(ago));
    }

    @Test
    void anAdminsOnlyAnnotationDoesNotNarrowAnEveryoneMfaPattern() {
        Requirement adminsOnly = Requirement.mfa().forRoles(Set.of("admin"));

        Decision forUser = both(adminsOnly, PATTERN_MFA, user, nothingProven, EnrolledFactorsSpy.having(TOTP));
        Decision forAdmin = both(adminsOnly, PATTERN_MFA, admin, nothingProven, EnrolledFactorsSpy.having(TOTP));

        assertThat(forUser).isInstanceOf(ChallengeRequired.class);
        assertThat(forAdmin).isInstanceOf(ChallengeRequired.class);
        assertThat(both(adminsOnly, PATTERN_MFA, user, verified(TOTP, Duration.ofHours(1)),
                EnrolledFactorsSpy.having(TOTP))).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void aWebAuthnOnlyStepUpWithAStepUpPatternIsNotPassedByTotp() {
        Requirement webauthnStepUp = Requirement.stepUp(Duration.ofMinutes(5)).withFactors(Set.of(WEBAUTHN));
        MfaState totpJustNow = verified(TOTP, Duration.ofSeconds(10));

        Decision totpOnlyUser = both(webauthnStepUp, PATTERN_STEP_UP_2M, user, totpJustNow,
                EnrolledFactorsSpy.having(TOTP));
        Decision userWithBoth = both(webauthnStepUp, PATTERN_STEP_UP_2M, user, totpJustNow,
                EnrolledFactorsSpy.having(TOTP, WEBAUTHN));

        assertThat(totpOnlyUser).isEqualTo(new EnrollmentRequired(List.of(WEBAUTHN), webauthnStepUp));
        assertThat(userWithBoth).isEqualTo(new ChallengeRequired(List.of(WEBAUTHN), ChallengeRequired.Why.MISSING,
                webauthnStepUp));
        assertThat(both(webauthnStepUp, PATTERN_STEP_UP_2M, user, verified(WEBAUTHN, Duration.ofMinutes(1)),
                EnrolledFactorsSpy.having(TOTP, WEBAUTHN))).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void aWebAuthnStepUpVerifiedLongerAgoThanThePatternAllowsIsAskedAgainByThePattern() {
        Requirement webauthnStepUp = Requirement.stepUp(Duration.ofMinutes(5)).withFactors(Set.of(WEBAUTHN));

        Decision d = both(webauthnStepUp, PATTERN_STEP_UP_2M, user, verified(WEBAUTHN, Duration.ofMinutes(3)),
                EnrolledFactorsSpy.having(TOTP, WEBAUTHN));

        assertThat(d).isEqualTo(new ChallengeRequired(List.of(WEBAUTHN, TOTP), ChallengeRequired.Why.EXPIRED,
                PATTERN_STEP_UP_2M));
    }

    @Test
    void sessionMfaAndAStepUpBothHoldEitherWayRound() {
        Requirement annotationMfa = Requirement.mfa().withReason("accounts");
        Requirement annotationStepUp = Requirement.stepUp(Duration.ofMinutes(5)).withReason("transfer");
        MfaState tenMinutesAgo = verified(TOTP, Duration.ofMinutes(10));
        MfaState trustedOnly = nothingProven.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(1))));

        assertThat(both(annotationMfa, PATTERN_STEP_UP_2M, user, tenMinutesAgo, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, PATTERN_STEP_UP_2M));
        assertThat(both(annotationStepUp, PATTERN_MFA, user, trustedOnly, EnrolledFactorsSpy.having(TOTP)))
                .as("the pattern's MFA accepts the trusted device, the annotation's step-up does not")
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, annotationStepUp));
        assertThat(both(annotationStepUp, PATTERN_MFA, user, verified(TOTP, Duration.ofMinutes(3)),
                EnrolledFactorsSpy.having(TOTP))).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void twoStepUpsWithDifferentMaxAgesAskForTheShorterEitherWayRound() {
        Requirement fiveMinutes = Requirement.stepUp(Duration.ofMinutes(5)).withReason("transfer");
        MfaState threeMinutesAgo = verified(TOTP, Duration.ofMinutes(3));

        assertThat(both(fiveMinutes, PATTERN_STEP_UP_2M, user, threeMinutesAgo, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, PATTERN_STEP_UP_2M));
        assertThat(both(PATTERN_STEP_UP_2M, fiveMinutes, user, threeMinutesAgo, EnrolledFactorsSpy.having(TOTP)))
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, PATTERN_STEP_UP_2M));
        assertThat(both(fiveMinutes, PATTERN_STEP_UP_2M, user, verified(TOTP, Duration.ofMinutes(1)),
                EnrolledFactorsSpy.having(TOTP))).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void anExemptionWaivesThePatternButNotTheAdminsOnlyAnnotation() {
        Requirement adminsOnly = Requirement.mfa().forRoles(Set.of("admin"));
        MfaExemption lostPhone = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofDays(1),
                NOW.minus(Duration.ofHours(1)), MfaExemption.DEFAULT_MAX_DURATION);

        Decision forUser = bothExempt(adminsOnly, PATTERN_MFA, user, lostPhone);
        Decision forAdmin = bothExempt(adminsOnly, PATTERN_MFA, admin, lostPhone);

        assertThat(forUser).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(forAdmin).isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.MISSING, adminsOnly));
    }

    private Decision bothExempt(Requirement annotation, Requirement pattern, Caller caller, MfaExemption exemption) {
        return Requirements.of(annotation, pattern).decide(each -> policy.decide(each, caller, nothingProven,
                EnrolledFactorsSpy.having(TOTP), exemption));
    }

    @Test
    void noPairIsLooserThanEitherOfItsRequirementsAlone() {
        // Over a grid of requirements and sessions: the pair is granted exactly when each one alone is granted.
        List<Requirement> requirements = List.of(Requirement.mfa(), Requirement.mfa().forRoles(Set.of("admin")),
                Requirement.mfa().withFactors(Set.of(WEBAUTHN)), Requirement.mfa().trustingDevices(false),
                Requirement.stepUp(Duration.ofMinutes(5)), PATTERN_STEP_UP_2M,
                Requirement.stepUp(Duration.ofMinutes(5)).withFactors(Set.of(WEBAUTHN)),
                Requirement.stepUp(Duration.ofMinutes(5)).trustingDevices(true));
        TrustedDeviceGrant trust = new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(1)));
        List<MfaState> states = List.of(nothingProven, nothingProven.withTrust(trust),
                verified(TOTP, Duration.ofMinutes(1)), verified(TOTP, Duration.ofMinutes(3)),
                verified(TOTP, Duration.ofMinutes(10)), verified(WEBAUTHN, Duration.ofMinutes(1)),
                verified(WEBAUTHN, Duration.ofMinutes(3)).withVerified(TOTP, NOW.minusSeconds(30)),
                verified(WEBAUTHN, Duration.ofHours(1)).withTrust(trust));
        int pairs = 0;
        for (Requirement a : requirements) {
            for (Requirement b : requirements) {
                for (MfaState state : states) {
                    for (Caller caller : List.of(user, admin)) {
                        EnrolledFactors enrolled = EnrolledFactorsSpy.having(TOTP, WEBAUTHN);
                        boolean alone = policy.decide(a, caller, state, enrolled).isGranted()
                                && policy.decide(b, caller, state, enrolled).isGranted();
                        assertThat(both(a, b, caller, state, enrolled).isGranted())
                                .as("%s and %s for %s with %s", a, b, caller, state).isEqualTo(alone);
                        pairs++;
                    }
                }
            }
        }
        assertThat(pairs).isEqualTo(8 * 8 * 8 * 2);
    }

    @Test
    void requirementsKeepTheirOrderAndSkipNullsAndRepeats() {
        Requirement stepUp = Requirement.stepUp(Duration.ofMinutes(5));

        assertThat(Requirements.of(stepUp, null, PATTERN_MFA, stepUp).all()).containsExactly(stepUp, PATTERN_MFA);
        assertThat(Requirements.of((Requirement) null)).isEqualTo(Requirements.NONE);
        assertThat(Requirements.NONE.isEmpty()).isTrue();
        assertThat(Requirements.of(stepUp).and(Requirements.of(PATTERN_MFA, stepUp)).all())
                .containsExactly(stepUp, PATTERN_MFA);
    }

    @Test
    void nothingRequiredIsGrantedWithoutDecidingAnything() {
        assertThat(Requirements.NONE.decide(each -> {
            throw new AssertionError("nothing to decide");
        })).isEqualTo(new Granted(Granted.Why.NOT_APPLICABLE));
    }

    @Test
    void theFirstRefusalAnswersAndLaterRequirementsAreNotDecided() {
        Requirement first = Requirement.stepUp(Duration.ofMinutes(5));
        Decision refusal = new Decision.Denied(Decision.Denied.Why.NO_ACCEPTABLE_FACTOR);

        Decision d = Requirements.of(first, PATTERN_MFA).decide(each -> {
            assertThat(each).as("only the first is decided").isEqualTo(first);
            return refusal;
        });

        assertThat(d).isSameAs(refusal);
    }

    @Test
    void whenAllAreGrantedAWaiverIsReportedSoItIsAudited() {
        Requirement stepUp = Requirement.stepUp(Duration.ofMinutes(5));

        Decision d = Requirements.of(stepUp, PATTERN_MFA).decide(each -> each == PATTERN_MFA
                ? new Granted(Granted.Why.EXEMPT) : new Granted(Granted.Why.FACTOR_VERIFIED));
        Decision plain = Requirements.of(stepUp, PATTERN_MFA).decide(each -> each == PATTERN_MFA
                ? new Granted(Granted.Why.TRUSTED_DEVICE) : new Granted(Granted.Why.FACTOR_VERIFIED));

        assertThat(d).isEqualTo(new Granted(Granted.Why.EXEMPT));
        assertThat(plain).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }
}
