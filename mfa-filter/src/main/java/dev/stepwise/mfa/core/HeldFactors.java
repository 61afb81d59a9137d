package dev.stepwise.mfa.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The factors on hold for one decision of {@link RequirementRules} (enrolled under an exemption, see
 * {@link EnrolledFactors#heldUntil}), only for a step-up. A verification is judged by the hold kept with it
 * ({@link MfaState#holdAtVerification()}), without the store; the store is asked at most once, and only when a
 * verification was kept without its hold or when the factors to offer are chosen (nothing proven satisfies the
 * requirement).
 */
final class HeldFactors {

    private final boolean applies;
    private final EnrolledFactors enrolled;
    private final String user;
    private final Instant now;
    private Map<String, Instant> until;

    /**
     * @param applies whether holds matter for this requirement (a step-up); otherwise nothing is held
     */
    HeldFactors(boolean applies, EnrolledFactors enrolled, String user, Instant now) {
        this.applies = applies;
        this.enrolled = enrolled;
        this.user = user;
        this.now = now;
    }

    /**
     * Whether the verification of {@code factorId} kept in {@code state} is held now: by the hold read when it
     * was verified (a hold saved later does not void it: that verification proved the factor as it was before),
     * or, when none was kept with it, by the store's holds.
     */
    boolean holdsVerification(MfaState state, String factorId) {
        if (!applies) {
            return false;
        }
        Instant kept = state.holdAtVerification().get(factorId);
        return kept == null ? contains(factorId) : now.isBefore(kept);
    }

    /** Whether {@code factorId} is on hold now by the store (the hold ends exclusively at its end). */
    boolean contains(String factorId) {
        if (!applies) {
            return false;
        }
        if (until == null) {
            until = Objects.requireNonNull(enrolled.heldUntil(user), "heldUntil");
        }
        Instant end = until.get(factorId);
        return end != null && now.isBefore(end);
    }
}
