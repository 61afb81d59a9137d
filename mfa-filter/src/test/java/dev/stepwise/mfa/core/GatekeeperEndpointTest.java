package dev.stepwise.mfa.core;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.EnrollmentRequired;
import dev.stepwise.mfa.core.Decision.Granted;
import dev.stepwise.mfa.core.exemption.MfaExemption;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.SMS;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Gatekeeper#decide(AccessRequest, UserFacts)} for an endpoint's requirements: all must hold, combined with
 * the login policy, the exemption's second decision, enrolment holds, SMS never alone and the per-request
 * confirmation of a zero-{@code maxAge} step-up.
 */
class GatekeeperEndpointTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ALICE = "alice";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(NOW);
    private final MfaPolicy policy = new MfaPolicy(clock, List.of(WEBAUTHN, TOTP, SMS, RECOVERY), Set.of("auditor"));
    private final Gatekeeper gatekeeper = new Gatekeeper(policy, new LoginPolicy.Enrolled(), WINDOW);

    private final Caller user = Caller.of(ALICE, Set.of("user"));
    private final Caller auditor = Caller.of(ALICE, Set.of("user", "auditor"));
    private final MfaState cleared = MfaState.start(ALICE, NOW.minusSeconds(3600)).withLoginCleared();
    private final MfaExemption lostPhone = MfaExemption.grant(ALICE, "bob", "lost phone", Duration.ofHours(1),
            NOW.minusSeconds(60), MfaExemption.DEFAULT_MAX_DURATION);

    private final Requirement sessionMfa = Requirement.mfa();
    private final Requirement transfer = Requirement.stepUp(Duration.ofMinutes(10)).withReason("transfer");
    private final Requirement confirm = Requirement.stepUp(Duration.ZERO).withReason("confirm");

    private Decision endpoint(MfaState state, UserFacts facts, Requirement... requirements) {
        return endpoint(user, state, false, facts, requirements);
    }

    private Decision endpoint(Caller caller, MfaState state, boolean confirmed, UserFacts facts,
                              Requirement... requirements) {
        AccessRequest request = new AccessRequest(caller, state, true, Requirements.of(requirements), confirmed);
        return gatekeeper.decide(request, facts).decision();
    }

    // --- all must hold -------------------------------------------------------------------------------------------

    @Test
    void whenEveryRequirementHoldsThenGrantedByTheFirstThatApplied() {
        MfaState fresh = cleared.withVerified(TOTP, NOW.minusSeconds(60));

        assertThat(endpoint(fresh, UserFactsFake.having(TOTP), sessionMfa, transfer))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void whenOneRequirementFailsThenItsChallengeAnswers() {
        MfaState stale = cleared.withVerified(TOTP, NOW.minus(Duration.ofMinutes(30)));

        Decision d = endpoint(stale, UserFactsFake.having(TOTP), sessionMfa, transfer);

        assertThat(d).isInstanceOfSatisfying(ChallengeRequired.class, c -> {
            assertThat(c.why()).isEqualTo(ChallengeRequired.Why.EXPIRED);
            assertThat(c.requirement()).isEqualTo(transfer);
        });
    }

    @Test
    void whenBothLoginAndEndpointAskThenTheEndpointsChallengeAnswers() {
        MfaState fresh = MfaState.start(ALICE, NOW);

        Verdict v = gatekeeper.decide(new AccessRequest(user, fresh, true, Requirements.of(transfer), false),
                UserFactsFake.having(TOTP));

        assertThat(v.decision()).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.requirement()).isEqualTo(transfer));
        assertThat(v.loginChallenged()).isTrue();
    }

    @Test
    void whenLoginAsksEnrolmentAndEndpointIsGrantedThenTheLoginAnswers() {
        Gatekeeper all = new Gatekeeper(policy, new LoginPolicy.All(), WINDOW);
        Requirement admins = Requirement.mfa().forRoles(Set.of("admin"));

        Decision d = all.decide(new AccessRequest(user, MfaState.start(ALICE, NOW), true, Requirements.of(admins),
                false), UserFactsFake.having()).decision();

        assertThat(d).isInstanceOf(EnrollmentRequired.class);
    }

    // --- exemption -----------------------------------------------------------------------------------------------

    @Test
    void whenExemptThenSessionMfaWithoutRoleIsWaived() {
        assertThat(endpoint(cleared, UserFactsFake.having(TOTP).exempt(lostPhone), sessionMfa))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void whenExemptThenAStepUpIsNeverWaived() {
        assertThat(endpoint(cleared, UserFactsFake.having(TOTP).exempt(lostPhone), transfer))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenExemptThenARoleRequirementOrAMandatoryRoleIsNotWaived() {
        Requirement users = Requirement.mfa().forRoles(Set.of("user"));

        assertThat(endpoint(cleared, UserFactsFake.having(TOTP).exempt(lostPhone), users))
                .isInstanceOf(ChallengeRequired.class);
        assertThat(endpoint(auditor, cleared, false, UserFactsFake.having(TOTP).exempt(lostPhone), sessionMfa))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenSomethingIsWaivedAmongGrantsThenTheGrantSaysExempt() {
        MfaState fresh = cleared.withVerified(TOTP, NOW);
        Requirement webauthnOnly = Requirement.mfa().withFactors(Set.of(WEBAUTHN));

        assertThat(endpoint(fresh, UserFactsFake.having(TOTP, WEBAUTHN).exempt(lostPhone), sessionMfa, webauthnOnly))
                .isEqualTo(new Granted(Granted.Why.EXEMPT));
    }

    @Test
    void whenGrantedThenTheExemptionIsNotAsked() {
        UserFactsFake facts = UserFactsFake.having(TOTP).exempt(lostPhone);

        endpoint(cleared.withVerified(TOTP, NOW), facts, sessionMfa);

        assertThat(facts.asked()).isEmpty();
    }

    // --- holds ---------------------------------------------------------------------------------------------------

    @Test
    void whenTheFreshFactorIsOnHoldThenAnotherIsAskedForTheStepUp() {
        UserFactsFake facts = UserFactsFake.having(TOTP, WEBAUTHN).held(Map.of(TOTP, NOW.plus(Duration.ofDays(1))));

        Decision d = endpoint(cleared.withVerified(TOTP, NOW), facts, transfer);

        assertThat(d).isInstanceOfSatisfying(ChallengeRequired.class,
                c -> assertThat(c.factors()).containsExactly(WEBAUTHN));
    }

    @Test
    void whenOnlyHeldFactorsThenDeniedOnHoldButSessionMfaPasses() {
        UserFactsFake facts = UserFactsFake.having(TOTP).held(Map.of(TOTP, NOW.plus(Duration.ofDays(1))));
        MfaState verified = cleared.withVerified(TOTP, NOW);

        assertThat(endpoint(verified, facts, transfer)).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(endpoint(verified, facts, sessionMfa)).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void whenTheHoldHasPassedThenTheFactorCounts() {
        UserFactsFake facts = UserFactsFake.having(TOTP).held(Map.of(TOTP, NOW));

        assertThat(endpoint(cleared.withVerified(TOTP, NOW), facts, transfer))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    // --- SMS never alone -----------------------------------------------------------------------------------------

    @Test
    void whenOnlySmsThenAStepUpAsksForEnrolment() {
        assertThat(endpoint(cleared, UserFactsFake.having(SMS), transfer)).isInstanceOf(EnrollmentRequired.class);
    }

    @Test
    void whenSmsBesideAnotherFactorThenItIsOffered() {
        assertThat(endpoint(cleared, UserFactsFake.having(SMS, WEBAUTHN), transfer))
                .isInstanceOfSatisfying(ChallengeRequired.class,
                        c -> assertThat(c.factors()).containsExactly(WEBAUTHN, SMS));
    }

    // --- zero maxAge: one confirmation per request ---------------------------------------------------------------

    @Test
    void whenZeroMaxAgeAndNotTheConfirmedReplayThenChallengedAsIfNothingWasVerified() {
        MfaState justNow = cleared.withVerified(TOTP, NOW);

        assertThat(endpoint(justNow, UserFactsFake.having(TOTP), confirm))
                .isInstanceOfSatisfying(ChallengeRequired.class, c -> {
                    assertThat(c.why()).isEqualTo(ChallengeRequired.Why.MISSING);
                    assertThat(c.requirement()).isEqualTo(confirm);
                });
    }

    @Test
    void whenZeroMaxAgeAndConfirmedReplayWithinTheWindowThenGranted() {
        MfaState confirmedAt = cleared.withVerified(TOTP, NOW.minus(WINDOW));

        assertThat(endpoint(user, confirmedAt, true, UserFactsFake.having(TOTP), confirm))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    @Test
    void whenZeroMaxAgeAndConfirmedReplayAfterTheWindowThenChallengedExpired() {
        MfaState confirmedAt = cleared.withVerified(TOTP, NOW.minus(WINDOW).minusSeconds(1));

        assertThat(endpoint(user, confirmedAt, true, UserFactsFake.having(TOTP), confirm))
                .isInstanceOfSatisfying(ChallengeRequired.class,
                        c -> assertThat(c.why()).isEqualTo(ChallengeRequired.Why.EXPIRED));
    }

    @Test
    void whenTwoZeroMaxAgeRequirementsThenTheConfirmationGrantsOnlyTheFirst() {
        Requirement other = Requirement.stepUp(Duration.ZERO).withReason("delete");
        MfaState justNow = cleared.withVerified(TOTP, NOW);

        assertThat(endpoint(user, justNow, true, UserFactsFake.having(TOTP), confirm, other))
                .isInstanceOfSatisfying(ChallengeRequired.class,
                        c -> assertThat(c.requirement()).isEqualTo(other));
    }

    @Test
    void whenZeroMaxAgeThenATrustedDeviceNeverCounts() {
        MfaState trusted = cleared.withTrust(new TrustedDeviceGrant("device-1", NOW.plus(Duration.ofDays(1))));

        assertThat(endpoint(trusted, UserFactsFake.having(TOTP), confirm.trustingDevices(true)))
                .isInstanceOf(ChallengeRequired.class);
    }

    @Test
    void whenConfirmedReplayThenOtherRequirementsAreDecidedAsUsual() {
        MfaState stale = cleared.withVerified(TOTP, NOW.minus(Duration.ofMinutes(30)));

        assertThat(endpoint(user, stale, true, UserFactsFake.having(TOTP), transfer))
                .isInstanceOf(ChallengeRequired.class);
    }
}
