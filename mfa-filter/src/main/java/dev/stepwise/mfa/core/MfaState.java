package dev.stepwise.mfa.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one user session has proven so far. Immutable: each change returns a new state, which the adapter
 * stores back in the session (so replicated sessions see whole values, never half an update).
 *
 * @param user               the principal this state belongs to; a state of another user is never used
 * @param primaryAuthAt      when the adapter first saw this principal in this session
 * @param verifiedAt         factor id → when it was last verified in this session
 * @param trust              a verified "trust this device" cookie, or {@code null}
 * @param loginCleared       the login policy was evaluated and asked nothing of this session
 * @param holdAtVerification factor id → until when that factor was on hold ({@link EnrolledFactors#heldUntil}:
 *                           enrolled under an exemption) as read from the store right after its last verification
 *                           was checked; when it was not on hold, the verification time itself. Only for verified
 *                           factors. A verified factor without an entry was recorded without reading the holds
 *                           ({@link #withVerified(String, Instant)}, or a state serialized before holds were kept,
 *                           which comes back with {@code null} here, read as none): a step-up then asks the store
 *                           for its hold, as it did before (fail closed)
 */
public record MfaState(String user, Instant primaryAuthAt, Map<String, Instant> verifiedAt,
                       TrustedDeviceGrant trust, boolean loginCleared, Map<String, Instant> holdAtVerification)
        implements Serializable {

    /**
     * Checks the components and copies the mutable ones.
     * @param user the principal this state belongs to; a state of another user is never used
     * @param primaryAuthAt when the adapter first saw this principal in this session
     * @param verifiedAt factor id → when it was last verified in this session
     * @param trust a verified "trust this device" cookie, or {@code null}
     * @param loginCleared the login policy was evaluated and asked nothing of this session
     * @param holdAtVerification factor id → until when that factor was on hold ({@link EnrolledFactors#heldUntil}: enrolled under an exemption) as read from the store right after its last verification was checked; when it was not on hold, the verification time itself. Only for verified factors. A verified factor without an entry was recorded without reading the holds ({@link #withVerified(String, Instant)}, or a state serialized before holds were kept, which comes back with {@code null} here, read as none): a step-up then asks the store for its hold, as it did before (fail closed)
     */
    public MfaState {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(primaryAuthAt, "primaryAuthAt");
        verifiedAt = Map.copyOf(Objects.requireNonNull(verifiedAt, "verifiedAt"));
        holdAtVerification = holdAtVerification == null ? Map.of() : Map.copyOf(holdAtVerification);
        if (!verifiedAt.keySet().containsAll(holdAtVerification.keySet())) {
            throw new IllegalArgumentException("a hold is kept only with a verification");
        }
    }

    /**
     * A state whose verifications were recorded without their holds (a step-up asks the store for them).
     *
     * @param user the principal this state belongs to; a state of another user is never used
     * @param primaryAuthAt when the adapter first saw this principal in this session
     * @param verifiedAt factor id → when it was last verified in this session
     * @param trust a verified "trust this device" cookie, or {@code null}
     * @param loginCleared the login policy was evaluated and asked nothing of this session
     */
    public MfaState(String user, Instant primaryAuthAt, Map<String, Instant> verifiedAt, TrustedDeviceGrant trust,
                    boolean loginCleared) {
        this(user, primaryAuthAt, verifiedAt, trust, loginCleared, Map.of());
    }

    /**
     * A fresh state for a user who has just passed primary authentication.
     *
     * @param user the principal this state belongs to; a state of another user is never used
     * @param primaryAuthAt when the adapter first saw this principal in this session
     * @return a fresh state for a user who has just passed primary authentication
     */
    public static MfaState start(String user, Instant primaryAuthAt) {
        return new MfaState(user, primaryAuthAt, Map.of(), null, false, Map.of());
    }

    /**
     * This state with {@code factorId} verified at {@code at}, its hold not known: a step-up asks the store
     * whether the factor is held (one query per decision). The adapter records verifications with
     * {@link #withVerified(String, Instant, Map)}.
     *
     * @param factorId the factor's id (e.g. {@code totp})
     * @param at the instant
     * @return this state with {@code factorId} verified at {@code at}, its hold not known: a step-up asks the store whether the factor is held (one query per decision)
     */
    public MfaState withVerified(String factorId, Instant at) {
        Map<String, Instant> verified = new HashMap<>(verifiedAt);
        verified.put(Objects.requireNonNull(factorId, "factorId"), Objects.requireNonNull(at, "at"));
        Map<String, Instant> holds = new HashMap<>(holdAtVerification);
        holds.remove(factorId);
        return new MfaState(user, primaryAuthAt, verified, trust, loginCleared, holds);
    }

    /**
     * Whether this session's verification of {@code factorId} may earn a "trust this device" grant at {@code now}:
     * only when it was kept with its hold ({@link #withVerified(String, Instant, Map)}) and that hold has ended. A
     * grant satisfies a step-up that accepts trusted devices, so a factor on hold must not lead to one; a
     * verification kept without its hold is refused too (fail closed).
     *
     * @param factorId the factor's id (e.g. {@code totp})
     * @param now the current instant
     * @return whether this session's verification of {@code factorId} may earn a "trust this device" grant at {@code now}: only when it was kept with its hold ({@link #withVerified(String, Instant, Map)}) and that hold has ended
     */
    public boolean mayTrustDeviceAfter(String factorId, Instant now) {
        Instant hold = holdAtVerification.get(factorId);
        return verifiedAt.containsKey(factorId) && hold != null && !now.isBefore(hold);
    }

    /**
     * This state with {@code factorId} verified at {@code at}, and the hold that factor was under then.
     *
     * @param heldUntil the user's holds (factor id → end, ended ones allowed), read from the store <em>after</em>
     *                  the factor's code or key was checked, so that a credential activated after its hold was
     *                  saved is always seen held; only {@code factorId}'s entry is kept
     * @param factorId the factor's id (e.g. {@code totp})
     * @param at the instant
     * @return this state with {@code factorId} verified at {@code at}, and the hold that factor was under then
     */
    public MfaState withVerified(String factorId, Instant at, Map<String, Instant> heldUntil) {
        MfaState verified = withVerified(factorId, at);
        Instant end = Objects.requireNonNull(heldUntil, "heldUntil").get(factorId);
        Map<String, Instant> holds = new HashMap<>(holdAtVerification);
        holds.put(factorId, end != null ? end : at);
        return new MfaState(user, primaryAuthAt, verified.verifiedAt, trust, loginCleared, holds);
    }

    /**
     * This state with a verified trusted-device grant (or none).
     *
     * @param grant the grant
     * @return this state with a verified trusted-device grant (or none)
     */
    public MfaState withTrust(TrustedDeviceGrant grant) {
        return new MfaState(user, primaryAuthAt, verifiedAt, grant, loginCleared, holdAtVerification);
    }

    /** {@return this state remembering that the login policy asked nothing of it} */
    public MfaState withLoginCleared() {
        return loginCleared ? this : new MfaState(user, primaryAuthAt, verifiedAt, trust, true, holdAtVerification);
    }

    /** {@return this state without its trust grant, and with the login policy to be asked again} */
    public MfaState withoutTrust() {
        return new MfaState(user, primaryAuthAt, verifiedAt, null, false, holdAtVerification);
    }

    /**
     * The latest verification among {@code factorIds}, if any of them was verified in this session.
     *
     * @param factorIds the factor IDs
     * @return the latest verification among {@code factorIds}, if any of them was verified in this session
     */
    public Optional<Instant> lastVerified(Collection<String> factorIds) {
        Instant latest = null;
        for (String id : factorIds) {
            Instant at = verifiedAt.get(id);
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** {@return whether any factor at all was verified in this session} */
    public boolean anyVerified() {
        return !verifiedAt.isEmpty();
    }
}
