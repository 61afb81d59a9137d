package dev.stepwise.mfa.core;

import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Decision.Granted;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stepwise.mfa.Factors.RECOVERY;
import static dev.stepwise.mfa.Factors.TOTP;
import static dev.stepwise.mfa.Factors.WEBAUTHN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Issue 14: a satisfied step-up reads no enrolment hold from the store. The holds are read when a factor is
 * verified (after its code was checked) and kept with the verification; a step-up asks the store only when
 * nothing proven satisfies it, or for a verification kept without its hold (a session from before they were
 * kept: fail closed).
 */
class HoldsKeptWithVerificationTest {

    private static final Instant ENROLLED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant HOLD_END = ENROLLED_AT.plus(Duration.ofDays(1));
    private static final String ALICE = "alice";

    private final Caller alice = Caller.of(ALICE, Set.of("user"));
    private final Requirement transfer = Requirement.stepUp(Duration.ofMinutes(5)).withReason("transfer");

    private static MfaPolicy at(Instant now) {
        return new MfaPolicy(Clock.fixed(now, ZoneOffset.UTC), List.of(WEBAUTHN, TOTP, RECOVERY));
    }

    /** The store's view: TOTP (enrolled under an exemption) held until {@link #HOLD_END}; records each look-up. */
    private static final class Store implements EnrolledFactors {
        private final Set<String> factors;
        private final Map<String, Instant> holds;
        final List<String> holdsAskedFor = new ArrayList<>();

        Store(Map<String, Instant> holds, String... factors) {
            this.holds = holds;
            this.factors = Set.of(factors);
        }

        static Store totpHeld(String... factors) {
            return new Store(Map.of(TOTP, HOLD_END), factors);
        }

        @Override
        public Set<String> of(String user) {
            return factors;
        }

        @Override
        public Map<String, Instant> heldUntil(String user) {
            holdsAskedFor.add(user);
            return holds;
        }
    }

    private static MfaState signedIn() {
        return MfaState.start(ALICE, ENROLLED_AT.minus(Duration.ofHours(1)));
    }

    // --- the attacker: password + exemption, enrols a factor of their own -----------------------------------------

    @Test
    void aVerificationThatSawItsFactorHeldDoesNotSatisfyAStepUpAndTheStoreIsAskedOnlyForTheChallenge() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(10), Map.of(TOTP, HOLD_END));
        Store store = Store.totpHeld(TOTP);

        assertThat(at(now).decide(transfer, alice, state, store)).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(store.holdsAskedFor).as("read once, for what may be offered").containsExactly(ALICE);
    }

    @Test
    void aHeldVerificationStaysHeldEvenWhenTheStoreNoLongerShowsTheHoldButTheChallengeThenOffersTheFactor() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(10), Map.of(TOTP, HOLD_END));
        Store store = new Store(Map.of(), TOTP);

        assertThat(at(now).decide(transfer, alice, state, store))
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, transfer));
    }

    @Test
    void aHeldVerificationOfOneFactorDoesNotHideAnotherThatIsNotHeld() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(WEBAUTHN, now.minusSeconds(30), Map.of(TOTP, HOLD_END))
                .withVerified(TOTP, now.minusSeconds(10), Map.of(TOTP, HOLD_END));
        Store store = Store.totpHeld(TOTP, WEBAUTHN);

        assertThat(at(now).decide(transfer, alice, state, store)).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(store.holdsAskedFor).isEmpty();
    }

    @Test
    void theHoldKeptForOneFactorIsThatFactorsOwn() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        // webauthn verified when only totp was held: the verification counts; totp's hold is not webauthn's
        MfaState state = signedIn().withVerified(WEBAUTHN, now.minusSeconds(10), Map.of(TOTP, HOLD_END));

        assertThat(at(now).decide(transfer, alice, state, Store.totpHeld(TOTP, WEBAUTHN)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(state.holdAtVerification()).containsOnlyKeys(WEBAUTHN);
    }

    // --- satisfied step-ups never reach the store ----------------------------------------------------------------

    @Test
    void aFreshVerificationThatSawNoHoldSatisfiesTheStepUpWithoutAskingTheStore() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(10), Map.of());
        Store store = new Store(Map.of(), TOTP);

        assertThat(at(now).decide(transfer, alice, state, store)).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(store.holdsAskedFor).isEmpty();
    }

    @Test
    void aHoldThatHasEndedLetsTheVerificationCountFromItsEndExactly() {
        MfaState state = signedIn().withVerified(TOTP, HOLD_END.minus(Duration.ofMinutes(2)),
                Map.of(TOTP, HOLD_END));
        Store justBefore = Store.totpHeld(TOTP);
        Store atTheEnd = Store.totpHeld(TOTP);

        assertThat(at(HOLD_END.minusMillis(1)).decide(transfer, alice, state, justBefore))
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(at(HOLD_END).decide(transfer, alice, state, atTheEnd))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(atTheEnd.holdsAskedFor).isEmpty();
    }

    @Test
    void aVerificationAfterAHoldEndedCounts() {
        Instant now = HOLD_END.plus(Duration.ofHours(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(10), Map.of(TOTP, HOLD_END));
        Store store = Store.totpHeld(TOTP);

        assertThat(at(now).decide(transfer, alice, state, store)).isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(store.holdsAskedFor).isEmpty();
    }

    /**
     * The documented change: a hold saved after this session's verification (a factor enrolled later, elsewhere,
     * under an exemption) no longer voids that verification before its maxAge. The verification proved the factor
     * as it was; whatever was enrolled later is verified, and its hold kept, in the session that verifies it.
     */
    @Test
    void aHoldSavedAfterTheVerificationDoesNotVoidItBeforeItsMaxAge() {
        Instant verified = ENROLLED_AT.minus(Duration.ofMinutes(1)); // before the hold was saved
        MfaState state = signedIn().withVerified(TOTP, verified, Map.of());
        Instant maxAgeEnd = verified.plus(transfer.maxAge());

        assertThat(at(maxAgeEnd).decide(transfer, alice, state, Store.totpHeld(TOTP)))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(at(maxAgeEnd.plusMillis(1)).decide(transfer, alice, state, Store.totpHeld(TOTP)))
                .as("stale: the challenge reads the store, which holds TOTP")
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
    }

    @Test
    void aVerificationStampedInTheFutureIsNotFreshWhateverHoldWasKept() {
        Instant now = ENROLLED_AT.plus(Duration.ofHours(1));
        MfaState state = signedIn().withVerified(TOTP, now.plusSeconds(1), Map.of());

        assertThat(at(now).decide(transfer, alice, state, new Store(Map.of(), TOTP)))
                .isEqualTo(new ChallengeRequired(List.of(TOTP), ChallengeRequired.Why.EXPIRED, transfer));
    }

    @Test
    void aStateOfAnotherUserIsNeverUsed() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState bobs = MfaState.start("bob", now).withVerified(TOTP, now, Map.of());

        assertThatIllegalArgumentException().isThrownBy(
                () -> at(now).decide(transfer, alice, bobs, new Store(Map.of(), TOTP)));
    }

    @Test
    void sessionMfaNeverAsksForHolds() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now, Map.of(TOTP, HOLD_END));
        Store store = Store.totpHeld(TOTP);

        assertThat(at(now).decide(Requirement.mfa(), alice, state, store))
                .isEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
        assertThat(store.holdsAskedFor).isEmpty();
    }

    // --- verifications kept without their hold: the store decides (fail closed) ---------------------------------

    @Test
    void aVerificationRecordedWithoutItsHoldAsksTheStore() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(10));
        Store store = Store.totpHeld(TOTP);

        assertThat(at(now).decide(transfer, alice, state, store)).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(store.holdsAskedFor).containsExactly(ALICE);
    }

    @Test
    void aLaterVerificationWithoutItsHoldForgetsTheHoldKeptWithTheEarlierOne() {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now.minusSeconds(30), Map.of())
                .withVerified(TOTP, now.minusSeconds(10));

        assertThat(state.holdAtVerification()).isEmpty();
        assertThat(at(now).decide(transfer, alice, state, Store.totpHeld(TOTP)))
                .isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
    }

    /**
     * An {@code MfaState} as serialized before the holds were kept (alice, signed in 09:59, TOTP verified at
     * 10:00 on 2026-12-01, login cleared): a session replicated or persisted by the previous version.
     */
    private static final String STATE_WITHOUT_HOLDS = "rO0ABXNyAB5kZXYuc3RlcHdpc2UubWZhLmNvcmUuTWZhU3RhdGUAAAAAAAA"
            + "AAAIABVoADGxvZ2luQ2xlYXJlZEwADXByaW1hcnlBdXRoQXR0ABNMamF2YS90aW1lL0luc3RhbnQ7TAAFdHJ1c3R0ACpMZGV2L3N0ZXB3aX"
            + "NlL21mYS9jb3JlL1RydXN0ZWREZXZpY2VHcmFudDtMAAR1c2VydAASTGphdmEvbGFuZy9TdHJpbmc7TAAKdmVyaWZpZWRBdHQAD0xqYXZhL3"
            + "V0aWwvTWFwO3hwAXNyAA1qYXZhLnRpbWUuU2VylV2EuhsiSLIMAAB4cHcNAgAAAABrDppkAAAAAHhwdAAFYWxpY2VzcgARamF2YS51dGlsLk"
            + "NvbGxTZXJXjqu2OhuoEQMAAUkAA3RhZ3hwAAAAA3cEAAAAAnQABHRvdHBzcQB+AAZ3DQIAAAAAaw6aoAAAAAB4eA==";

    @Test
    void aStateSerializedBeforeHoldsWereKeptAsksTheStoreForThem() throws Exception {
        MfaState old = deserialize(Base64.getDecoder().decode(STATE_WITHOUT_HOLDS));
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        Store store = Store.totpHeld(TOTP);

        assertThat(old.verifiedAt()).containsEntry(TOTP, ENROLLED_AT);
        assertThat(old.holdAtVerification()).isEmpty();
        assertThat(at(now).decide(transfer, alice, old, store)).isEqualTo(new Denied(Denied.Why.FACTOR_ON_HOLD));
        assertThat(store.holdsAskedFor).containsExactly(ALICE);
    }

    @Test
    void theKeptHoldSurvivesSerialization() throws Exception {
        Instant now = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, now, Map.of(TOTP, HOLD_END)).withLoginCleared();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        MfaState copy = deserialize(bytes.toByteArray());

        assertThat(copy).isEqualTo(state);
        assertThat(at(now).decide(transfer, alice, copy, new Store(Map.of(), TOTP)))
                .isNotEqualTo(new Granted(Granted.Why.FACTOR_VERIFIED));
    }

    private static MfaState deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (MfaState) in.readObject();
        }
    }

    // --- the value ------------------------------------------------------------------------------------------------

    @Test
    void theHoldKeptIsTheVerifiedFactorsOnlyAndNoHoldIsKeptAsNone() {
        Instant at = ENROLLED_AT.plus(Duration.ofMinutes(1));

        MfaState held = signedIn().withVerified(TOTP, at, Map.of(TOTP, HOLD_END, WEBAUTHN, HOLD_END));
        MfaState free = signedIn().withVerified(TOTP, at, Map.of(WEBAUTHN, HOLD_END));

        assertThat(held.holdAtVerification()).containsExactly(Map.entry(TOTP, HOLD_END));
        assertThat(free.holdAtVerification()).containsOnlyKeys(TOTP);
        assertThat(free.holdAtVerification().get(TOTP)).isBeforeOrEqualTo(at);
    }

    @Test
    void trustAndLoginClearedKeepTheHolds() {
        Instant at = ENROLLED_AT.plus(Duration.ofMinutes(1));
        MfaState state = signedIn().withVerified(TOTP, at, Map.of(TOTP, HOLD_END));

        MfaState changed = state.withLoginCleared()
                .withTrust(new TrustedDeviceGrant("device", at.plus(Duration.ofDays(30))));

        assertThat(changed.holdAtVerification()).isEqualTo(state.holdAtVerification());
    }

    @Test
    void aHoldOfAFactorNotVerifiedIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MfaState(ALICE, ENROLLED_AT, Map.of(), null,
                false, Map.of(TOTP, HOLD_END)));
    }
}
